import { Catalog } from '../../src/graph/catalog';
import { createLogger } from '../../src/logger';

interface Item {
  id: string;
  name: string;
  publisher: string;
}

const items: Item[] = [
  { id: '1', name: 'Zoom Workplace', publisher: 'Zoom Video Communications' },
  { id: '2', name: 'Zoom Rooms', publisher: 'Zoom Video Communications' },
  { id: '3', name: 'Citrix Workspace', publisher: 'Citrix' },
  { id: '4', name: 'Adobe Acrobat Reader DC', publisher: 'Adobe' },
  { id: '5', name: 'Workspace ONE Intelligent Hub', publisher: 'Omnissa' },
];

function catalog(load: () => Promise<Item[]> = () => Promise.resolve(items)) {
  return new Catalog<Item>({
    name: 'test',
    load,
    text: (i) => `${i.name} ${i.publisher}`,
    title: (i) => i.name,
    refreshMs: 60_000,
    logger: createLogger({ level: 'silent' }),
  });
}

describe('the in-memory catalog', () => {
  test('a title starting with the query ranks before one merely containing it', async () => {
    const c = catalog();
    await c.ready();
    expect(c.search('workspace', 10).map((i) => i.id)).toEqual(['5', '3']);
  });

  test('every word must match, in any field', async () => {
    const c = catalog();
    await c.ready();
    expect(c.search('zoom video rooms', 10).map((i) => i.id)).toEqual(['2']);
    expect(c.search('adobe', 10).map((i) => i.id)).toEqual(['4']);
  });

  test('the limit caps the results', async () => {
    const c = catalog();
    await c.ready();
    expect(c.search('', 2)).toHaveLength(2);
  });

  test('the first load is shared by concurrent callers and a failed one can be retried', async () => {
    let calls = 0;
    const c = catalog(async () => {
      calls += 1;
      if (calls === 1) throw new Error('Graph down');
      return items;
    });
    await expect(Promise.all([c.ready(), c.ready()])).rejects.toThrow('Graph down');
    expect(calls).toBe(1);
    await c.ready();
    expect(c.size).toBe(5);
  });

  test('a search before the first load says at once that the list is loading, and starts the load', async () => {
    let release: (list: Item[]) => void = () => undefined;
    let calls = 0;
    const c = catalog(() => {
      calls += 1;
      return new Promise((resolve) => (release = resolve));
    });
    expect(() => c.search('zoom', 10)).toThrow(
      expect.objectContaining({ code: 'catalog-loading' }),
    );
    expect(() => c.search('zoom', 10)).toThrow(
      expect.objectContaining({ code: 'catalog-loading' }),
    );
    expect(calls).toBe(1);
    release(items);
    await c.ready();
    expect(c.search('zoom', 10).map((i) => i.id)).toEqual(['2', '1']);
  });

  test('a failed background refresh keeps the previous list', async () => {
    let fail = false;
    const c = catalog(async () => {
      if (fail) throw new Error('Graph down');
      return items;
    });
    await c.ready();
    fail = true;
    await expect(c.refresh()).rejects.toThrow();
    expect(c.size).toBe(5);
  });
});
