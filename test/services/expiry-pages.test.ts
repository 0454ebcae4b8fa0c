import { BackgroundTasks } from '../../src/services';
import { Expiry } from '../../src/services/expiry';
import type { RequestQuery } from '../../src/services/ports/request-store';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';
import { aRequest } from '../contract/request-fixtures';
import { FakeClock, RecordingNotifier, SETTINGS } from './support';

const NOW = '2025-03-10T09:00:00.000Z';
const HOURS_AGO = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
const IN_HOURS = (h: number) => new Date(Date.parse(NOW) + h * 3_600_000).toISOString();

/** A memory store that records every listing and loses every save of the ids it is told to. */
class WatchedStore extends MemoryRequestStore {
  readonly queries: RequestQuery[] = [];
  readonly losing = new Set<string>();
  override async list(query: RequestQuery) {
    this.queries.push(query);
    return super.list(query);
  }
  override async save(...args: Parameters<MemoryRequestStore['save']>) {
    const [next] = args;
    if (this.losing.has(next.id)) return { ok: false as const, current: await this.get(next.id) };
    return super.save(...args);
  }
}

describe('the expiry sweep in pages', () => {
  let store: WatchedStore;
  let tasks: BackgroundTasks;
  const expiry = (pageSize: number) =>
    new Expiry(
      {
        store,
        clock: new FakeClock(NOW),
        notifier: new RecordingNotifier(),
        tasks,
        settings: SETTINGS,
      },
      pageSize,
    );
  const pending = (n: number, expiresAt: string, remindedAt?: string) =>
    store.create(aRequest({ id: `r${n}`, number: 1000 + n, expiresAt, remindedAt }));

  beforeEach(async () => {
    store = new WatchedStore();
    tasks = new BackgroundTasks();
    for (const n of [1, 2, 3, 4, 5]) await pending(n, HOURS_AGO(n));
    await pending(6, IN_HOURS(48));
    await store.create(aRequest({ id: 'd1', status: 'draft', expiresAt: undefined }));
  });
  afterEach(() => tasks.idle());

  test('a backlog larger than a page is expired page by page, each page after the last', async () => {
    expect(await expiry(2).expireDue()).toBe(5);

    expect(store.queries.map((q) => [q.limit, q.afterNumber])).toEqual([
      [2, undefined],
      [2, 1002],
      [2, 1004],
    ]);
    const left = await store.list({ statuses: ['pending'] });
    expect(left.map((r) => r.id)).toEqual(['r6']);
  });

  test('a request left pending by a lost save is not met again, and the sweep ends', async () => {
    store.losing.add('r1');

    expect(await expiry(1).expireDue()).toBe(4);

    expect((await store.get('r1'))?.status).toBe('pending');
    expect(store.queries.map((q) => q.afterNumber)).toEqual([
      undefined,
      1001,
      1002,
      1003,
      1004,
      1005,
    ]);
  });

  test('reminders go to requests expiring within the window, not to due or reminded ones', async () => {
    await pending(7, IN_HOURS(5));
    await pending(8, IN_HOURS(6), HOURS_AGO(1));
    await pending(9, IN_HOURS(7));

    expect(await expiry(1).remindDue()).toBe(2);

    expect((await store.get('r7'))?.remindedAt).toBe(NOW);
    expect((await store.get('r9'))?.remindedAt).toBe(NOW);
    expect(store.queries[0]).toMatchObject({ expiresAfter: NOW, expiresBefore: IN_HOURS(24) });
  });
});
