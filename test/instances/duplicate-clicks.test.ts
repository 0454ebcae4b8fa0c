import { WELL_KNOWN } from '../../src/simulator/seed';
import { eventually } from '../support/e2e';
import { figure, freeGroups, pooled, startPair, type Pair } from './two-instances';

const APP = WELL_KNOWN.apps.win32Unassigned;

describe('two bot instances on one Azure Storage account', () => {
  let p: Pair;
  beforeEach(async () => {
    p = await startPair();
  }, 60_000);
  afterEach(() => p.close(), 30_000);

  test('1,000 duplicate Approve clicks spread over both instances give exactly one write per request', async () => {
    const groups = freeGroups(p, APP, 20);
    const requests = await Promise.all(groups.map((g) => p.pending(g.id, g.name)));
    const clicks = requests.flatMap((r) =>
      Array.from({ length: 50 }, (_, i) => () => p.approve(i % 2 === 0 ? p.a : p.b, r)),
    );
    const started = Date.now();
    const answers = await pooled(clicks, 40);
    const clickMs = Date.now() - started;
    for (const r of requests)
      await eventually(async () => (await p.statusOf(r)) === 'assigned', r.id, 60_000);
    const doneMs = Date.now() - started;

    const statuses = answers.reduce<Record<number, number>>(
      (n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }),
      {},
    );
    figure(
      `1,000 clicks answered in ${clickMs} ms (${Math.round(1000 / (clickMs / 1000))}/s), statuses ${JSON.stringify(statuses)}; 20 requests assigned after ${doneMs} ms`,
    );
    expect(statuses).toEqual({ 200: 1000 });
    const applied = p.sim.control.writes().filter((w) => w.status === 204);
    figure(`writes to Intune: ${applied.length} applied, ${p.sim.control.writes().length} sent`);
    expect(applied).toHaveLength(20);
    expect(p.groupsOf(APP)).toEqual(groups.map((g) => g.id).sort());
  }, 120_000);
});
