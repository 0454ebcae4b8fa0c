import type { TableClient } from '@azure/data-tables';
import { azureStorageClients } from '../../src/storage/azure/azure-storage';
import { AzureTableRequestStore } from '../../src/storage/azure/table-request-store';
import { startAzurite, type Azurite } from '../support/azurite';
import { aRequest, anAudit, transition } from './request-fixtures';
import { describeRequestStoreContract } from './request-store.contract';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);
afterAll(() => azurite?.stop());

let tables = 0;
const run = Math.random().toString(36).slice(2, 8);

/** A client on a table of its own, through the same factory the bot uses. */
function freshTable(): TableClient {
  tables += 1;
  return azureStorageClients({
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_ACCOUNT_URL: undefined,
    AZURE_STORAGE_TABLE: `t${tables}${run}`,
    AZURE_STORAGE_CONTAINER: 'unused',
  }).table;
}

describeRequestStoreContract('azure table', async () => {
  const table = freshTable();
  return { store: new AzureTableRequestStore(table), cleanup: () => table.deleteTable() };
});

describe('the Azure table request store', () => {
  let table: TableClient;
  let store: AzureTableRequestStore;
  beforeEach(() => {
    table = freshTable();
    store = new AzureTableRequestStore(table);
  });
  afterEach(() => table.deleteTable());

  test('a request longer than one table property is stored in parts and read back whole', async () => {
    const justification = 'x'.repeat(70_000);
    const request = aRequest({ number: 1001, justification });
    await store.create(request);
    expect(await store.get(request.id)).toEqual(request);
    const next = transition(request, 'approved');
    expect((await store.save(next)).ok).toBe(true);
    expect(await store.list({ statuses: ['approved'] })).toEqual([next]);
  });

  test('a request too large for one transaction is refused, not half stored', async () => {
    const request = aRequest({ justification: 'x'.repeat(200_000) });
    await expect(store.create(request)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await store.get(request.id)).toBeUndefined();
  });

  test('a refused transition writes neither the request nor its audit record', async () => {
    await store.create(aRequest({ id: 'r1', number: 1001 }));
    const draft = aRequest({ id: 'd1', status: 'draft', expiresAt: undefined });
    await store.create(draft);
    const numbered = { ...transition(draft, 'pending'), number: 1001 };
    await expect(store.save(numbered, anAudit(draft, 'pending'))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await store.get('d1')).toEqual(draft);
    expect(await store.list({ statuses: ['pending'] })).toHaveLength(1);
    expect(await store.auditSince('2000-01-01T00:00:00.000Z')).toEqual([]);
  });

  test('keys holding characters a table key may not are stored and told apart', async () => {
    const keys = ['a/b', 'a\\b', 'a#b', 'a?b', "a'b", 'a%b', 'a~b', 'a!b', 'a\u0001b', 'a b'];
    for (const [i, key] of keys.entries()) {
      await store.putSetting(`odd:${key}`, i);
      await store.putCardCopy('req/1#?', { key: `approver:${key}`, ref: { i } });
      await store.putFence({ item: `app:${key}`, requestId: `r${i}`, startedAt: '', landsBy: '' });
    }
    const settings = await store.settingsWithPrefix('odd:');
    expect(settings).toHaveLength(keys.length);
    for (const [i, key] of keys.entries()) {
      expect(await store.getSetting(`odd:${key}`)).toBe(i);
      expect((await store.getFence(`app:${key}`))?.requestId).toBe(`r${i}`);
    }
    expect(await store.cardCopies('req/1#?')).toHaveLength(keys.length);
    expect(await store.cardCopies('req/1')).toEqual([]);
  });

  test('drafts of the same creation time list by id in either order, however long the id', async () => {
    const createdAt = '2025-03-01T08:00:00.000Z';
    for (const id of ['b', 'ba', 'a', 'bab']) {
      await store.create(aRequest({ id, status: 'draft', createdAt, expiresAt: undefined }));
    }
    const ids = async (order: 'oldest' | 'newest') =>
      (await store.list({ order })).map((request) => request.id);
    expect(await ids('oldest')).toEqual(['a', 'b', 'ba', 'bab']);
    expect(await ids('newest')).toEqual(['bab', 'ba', 'b', 'a']);
  });
});

describe('two instances on one Azure table', () => {
  let table: TableClient;
  let first: AzureTableRequestStore;
  let second: AzureTableRequestStore;
  beforeEach(() => {
    table = freshTable();
    first = new AzureTableRequestStore(table);
    second = new AzureTableRequestStore(table);
  });
  afterEach(() => table.deleteTable());

  test("each sees the other's requests, settings, card copies and fences at once", async () => {
    const request = aRequest({ number: 1001 });
    await first.create(request, anAudit(request, 'pending'));
    await first.putSetting('approvals-channel', { channelId: 'c-1' });
    await first.putSetting('known-user:a', { name: 'A' });
    await second.putSetting('known-user:b', { name: 'B' });
    await first.putCardCopy(request.id, { key: 'channel', ref: { activityId: 'a-1' } });
    const fence = { item: 'app:1', requestId: request.id, startedAt: 's', landsBy: 'l' };
    await second.putFence(fence);

    expect(await second.get(request.id)).toEqual(request);
    expect(await second.getByNumber(1001)).toEqual(request);
    expect(await second.list({ statuses: ['pending'] })).toEqual([request]);
    expect(await second.auditSince('2000-01-01T00:00:00.000Z')).toHaveLength(1);
    expect(await second.getSetting('approvals-channel')).toEqual({ channelId: 'c-1' });
    expect((await first.settingsWithPrefix('known-user:')).map((s) => s.key)).toEqual([
      'known-user:a',
      'known-user:b',
    ]);
    expect(await second.cardCopies(request.id)).toHaveLength(1);
    expect(await first.getFence('app:1')).toEqual(fence);
    await first.clearFence('app:1', request.id);
    expect(await second.getFence('app:1')).toBeUndefined();
  });

  test('of concurrent transitions from both, exactly one wins, with one audit record', async () => {
    const request = aRequest();
    await first.create(request);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const next = transition(request, i % 2 ? 'approved' : 'rejected', `approver-${i}`);
        const audit = anAudit(request, next.status, { actorId: `approver-${i}` });
        return (i % 2 ? first : second).save(next, audit);
      }),
    );
    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.ok ? winners[0].request : undefined;
    expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, current: winner }));
    const records = await first.auditSince('2000-01-01T00:00:00.000Z');
    expect(records.map((record) => record.actorId)).toEqual([winner?.decidedBy?.id]);
  });

  test('request numbers taken by both at once are never given twice', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? first : second).nextNumber()),
    );
    expect(new Set(numbers).size).toBe(30);
    expect(Math.min(...numbers)).toBe(1001);
    expect(Math.max(...numbers)).toBe(1030);
  });
});
