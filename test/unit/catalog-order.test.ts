import { toAppSummary } from '../../src/graph/app-mapping';
import { Catalog } from '../../src/graph/catalog';
import { createLogger } from '../../src/logger';
import type { AppSummary } from '../../src/services/ports/intune';
import { BENCH_SCALE, createTenant } from '../../src/simulator/seed';

/** The search as it was before the index (a full scan and sort): the order users must keep. */
function referenceSearch(items: readonly AppSummary[], query: string): AppSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const q = words.join(' ');
  const rank = (title: string): number => {
    if (q === '' || title === q) return 0;
    if (title.startsWith(q)) return 1;
    if (title.includes(` ${q}`)) return 2;
    return 3;
  };
  const hits: { item: AppSummary; title: string; rank: number }[] = [];
  for (const item of items) {
    const haystack = appText(item).toLowerCase();
    const title = item.name.toLowerCase();
    if (words.every((w) => haystack.includes(w))) hits.push({ item, title, rank: rank(title) });
  }
  hits.sort((a, b) => a.rank - b.rank || a.title.localeCompare(b.title));
  return hits.map((h) => h.item);
}

/** As the Intune reader matches apps. */
const appText = (app: AppSummary) => `${app.name} ${app.publisher} ${app.platform} ${app.appType}`;

const app = (id: string, name: string, publisher = 'Contoso'): AppSummary =>
  toAppSummary({ id, displayName: name, publisher, '@odata.type': '#microsoft.graph.webApp' });

/** Names that the seed has none of: other scripts, case mappings, ties and odd spacing. */
const UNUSUAL = [
  app('u-1', 'Ärzte Dienstplan', 'Müller GmbH'),
  app('u-2', 'ÉCOLE Numérique'),
  app('u-3', 'İstanbul Metro'),
  app('u-4', 'Σύνολο ΟΔΗΓΟΣ'),
  app('u-5', '日本語 アプリ', '株式会社'),
  app('u-6', 'Zoom  Workplace  Kiosk'),
  app('u-7', 'zoom workplace'),
  app('u-8', 'Zoom Workplace'),
  app('u-9', 'Émoji 😀 Chat'),
  app('u-10', 'x'),
];

const QUERIES = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''),
  ...['m', 'mi', 'mic', 'micro', 'microsoft', 'microsoft te', 'microsoft teams', 'MICROSOFT Te'],
  ...['zoom', 'zo', 'zoom workplace', 'Zoom  Workplace', '  zoom   work ', 'workplace zoom'],
  ...['adobe', 'adobe acr', 'acrobat reader', 'x', 'xm', 'soft', 'ice', 'rosoft te', 'crosof'],
  ...['windows', 'ios', 'android', 'web', 'win32lobapp', 'webapp', 'contoso', '(ios)', '2.0'],
  ...['(', ')', '+', '++', '.', 'notepad++', 'company portal', 'e e', 'a b c', 'to do'],
  ...['ärzte', 'ÄRZTE', 'müller', 'école', 'ecole', 'istanbul', 'i̇stanbul', 'σύνολο', 'οδηγος'],
  ...['ΟΔΗΓΟΣ', 'οδηγοσ', '日本', 'アプリ', '株式', '😀', 'émoji 😀', 'qqqzzz', 'zzzz xxxx', ''],
];

/** A deterministic sample of the seeded names' prefixes, middles and word pairs. */
function sampledQueries(items: readonly AppSummary[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += Math.floor(items.length / 30)) {
    const name = items[i]!.name.toLowerCase();
    const words = name.split(' ');
    out.push(name.slice(0, 3), name.slice(0, 7), name, name.slice(2, 6), words.slice(-2).join(' '));
  }
  return out;
}

const LIMITS = [1, 15, 25, 50];

describe('the catalog index keeps the order of the full scan and sort', () => {
  const tenant = createTenant({ ...BENCH_SCALE, groups: 20, users: 20, configPolicies: 5 });
  const seeded = tenant.apps.map((raw) => toAppSummary(raw));
  const items = [...seeded, ...UNUSUAL];
  /** The list as the catalog should hold it, in its order, as the tests change it. */
  const current = [...items];
  let catalog: Catalog<AppSummary>;

  beforeAll(async () => {
    catalog = new Catalog<AppSummary>({
      name: 'apps',
      load: () => Promise.resolve(items),
      text: appText,
      title: (a) => a.name,
      refreshMs: 60_000,
      logger: createLogger({ level: 'silent' }),
    });
    await catalog.ready();
  });

  const compare = (list: readonly AppSummary[], queries: readonly string[]) => {
    for (const query of queries) {
      const expected = referenceSearch(list, query).map((a) => a.id);
      for (const limit of LIMITS) {
        const found = catalog.search(query, limit).map((a) => a.id);
        expect({ query, limit, found }).toEqual({ query, limit, found: expected.slice(0, limit) });
      }
    }
  };

  test('for short and long prefixes, several words, many, few and no matches, and any case', () => {
    expect(catalog.size).toBe(BENCH_SCALE.apps + UNUSUAL.length);
    compare(items, [...QUERIES, ...sampledQueries(seeded)]);
  });

  test('after apps are renamed, added and re-read in place', () => {
    const replace = (i: number, next: AppSummary) => {
      current[i] = next;
      catalog.upsert(next);
    };
    // A fresh read that changes only the count keeps the app where it was.
    replace(0, { ...current[0]!, assignmentCount: 7, isAssigned: true });
    replace(1, { ...current[1]!, name: 'Zoom Workplace' });
    replace(2, { ...current[2]!, name: 'Aardvark Microsoft Teams', publisher: 'Zoom' });
    replace(3, { ...current[3]!, name: 'Zoom Workplace' });
    replace(3, { ...current[3]!, name: 'Mi' });
    for (const added of [
      app('n-1', 'Microsoft Teams'),
      app('n-2', 'Zoom'),
      app('n-3', 'Xylophone'),
    ]) {
      current.push(added);
      catalog.upsert(added);
    }
    compare(current, [
      '',
      'z',
      'zoom',
      'zoom workplace',
      'mi',
      'microsoft te',
      'x',
      'aardvark',
      'teams',
    ]);
    const [first] = catalog.search(current[0]!.name, 1);
    expect(first).toBe(current[0]);
    expect(catalog.get(current[0]!.id)?.assignmentCount).toBe(7);
  });

  test('after more changes than the index keeps aside, which rebuild it', () => {
    for (let i = 0; i < 600; i += 1) {
      const renamed = { ...current[i * 7]!, name: `Renamed ${i % 40} ${current[i * 7]!.name}` };
      current[i * 7] = renamed;
      catalog.upsert(renamed);
    }
    compare(current, ['renamed', 'renamed 1', 'r', 'mi', 'zoom', 'microsoft te', '']);
  });
});
