import type { RequestStore } from '../../src/services/ports/request-store';
import { describeAuditPagingContract } from './audit-paging.contract';
import { aRequest, anAudit, transition } from './request-fixtures';
import { describeListingContract } from './request-store-listing.contract';

/** What a backend's test file hands the suite: a fresh, empty store and how to dispose of it. */
export type MakeRequestStore = () => Promise<{
  store: RequestStore;
  cleanup?: () => Promise<void>;
}>;

/**
 * The one `RequestStore` contract, run unchanged against every backend: exactly-once transitions
 * are a storage property, so each backend proves it here rather than each service assuming it.
 */
export function describeRequestStoreContract(name: string, make: MakeRequestStore): void {
  describe(`${name} request store contract`, () => {
    let store: RequestStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await make());
    });
    afterEach(async () => {
      await store.close();
      await cleanup?.();
    });

    test('a created request is returned by get as an equal copy', async () => {
      const request = aRequest({ number: 1001 });
      await store.create(request);
      const got = await store.get(request.id);
      expect(got).toEqual(request);
      expect(got).not.toBe(request);
      expect(await store.get('no-such-id')).toBeUndefined();
    });

    test('a request of several targets keeps its whole list, removals and their names, through a save', async () => {
      const request = aRequest({
        number: 1002,
        assignments: [
          {
            action: 'remove',
            target: { kind: 'group', groupId: 'grp-contractors', exclude: true },
            targetName: 'Contractors',
            intent: 'required',
          },
          {
            target: { kind: 'group', groupId: 'grp-marketing', exclude: false },
            targetName: 'Marketing',
            intent: 'available',
            filter: { id: 'flt-1', mode: 'include', name: 'Corporate devices' },
          },
          { action: 'remove', target: { kind: 'allUsers' }, targetName: 'All users' },
        ],
        diff: [{ kind: 'remove', text: '- Exclude Contractors (required)' }],
        kept: 0,
      });
      await store.create(request);
      expect(await store.get(request.id)).toEqual(request);
      const next = transition(request, 'approved');
      await store.save(next);
      expect((await store.get(request.id))?.assignments).toEqual(request.assignments);
    });

    test('creating a request whose id exists fails and keeps the first one', async () => {
      await store.create(aRequest());
      await expect(store.create(aRequest({ justification: 'second' }))).rejects.toMatchObject({
        code: 'conflict',
      });
      expect((await store.get('req-a'))?.justification).toBe('Needed for the Q3 rollout');
    });

    test('a save with the next revision wins and get returns the new revision', async () => {
      const request = aRequest();
      await store.create(request);
      const next = transition(request, 'approved');
      expect(await store.save(next)).toEqual({ ok: true, request: next });
      expect(await store.get(request.id)).toEqual(next);
    });

    test('a save with a stale revision loses and returns the current request', async () => {
      const request = aRequest();
      await store.create(request);
      const approved = transition(request, 'approved', 'approver-1');
      await store.save(approved);
      const stale = transition(request, 'rejected', 'approver-2');
      expect(await store.save(stale)).toEqual({ ok: false, current: approved });
      expect(await store.get(request.id)).toEqual(approved);
    });

    test('a save of an unknown request loses with no current request', async () => {
      const result = await store.save(transition(aRequest({ id: 'ghost' }), 'approved'));
      expect(result).toEqual({ ok: false, current: undefined });
    });

    test('of ten concurrent transitions from one revision exactly one wins', async () => {
      const request = aRequest();
      await store.create(request);
      const attempts = Array.from({ length: 10 }, (_, i) =>
        transition(request, i % 2 ? 'approved' : 'rejected', `approver-${i}`),
      );
      const results = await Promise.all(attempts.map((next) => store.save(next)));
      const winners = results.filter((result) => result.ok);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.ok ? winners[0].request : undefined;
      for (const result of results.filter((r) => !r.ok)) {
        expect(result).toEqual({ ok: false, current: winner });
      }
      expect(await store.get(request.id)).toEqual(winner);
    });

    test('getByNumber finds a request by its REQ number', async () => {
      await store.create(aRequest({ id: 'a', number: 1001 }));
      await store.create(aRequest({ id: 'b', number: 1002 }));
      expect((await store.getByNumber(1002))?.id).toBe('b');
      expect(await store.getByNumber(9999)).toBeUndefined();
    });

    describe('listing', () => {
      beforeEach(async () => {
        const requester = { id: 'user-2', name: 'Sam' };
        await store.create(
          aRequest({ id: 'r3', number: 1003, expiresAt: '2025-03-06T00:00:00.000Z' }),
        );
        await store.create(
          aRequest({ id: 'r1', number: 1001, expiresAt: '2025-03-04T00:00:00.000Z' }),
        );
        await store.create(aRequest({ id: 'r2', number: 1002, status: 'assigned', requester }));
        await store.create(aRequest({ id: 'd1', status: 'draft', expiresAt: undefined }));
      });
      const ids = async (query: Parameters<RequestStore['list']>[0]) =>
        (await store.list(query)).map((request) => request.id);

      test('lists every request in number order, drafts last', async () => {
        expect(await ids({})).toEqual(['r1', 'r2', 'r3', 'd1']);
      });
      test('lists by status', async () => {
        expect(await ids({ statuses: ['pending'] })).toEqual(['r1', 'r3']);
        expect(await ids({ statuses: ['assigned', 'draft'] })).toEqual(['r2', 'd1']);
      });
      test('lists by requester', async () => {
        expect(await ids({ requesterId: 'user-2' })).toEqual(['r2']);
      });
      test('lists requests expiring at or before an instant, never those without expiry', async () => {
        expect(await ids({ expiresBefore: '2025-03-04T00:00:00.000Z' })).toEqual(['r1']);
        expect(
          await ids({ expiresBefore: '2025-03-05T00:00:00.000Z', statuses: ['pending'] }),
        ).toEqual(['r1']);
      });
      test('lists requests expiring after an instant and before another, never those without', async () => {
        expect(await ids({ expiresAfter: '2025-03-05T00:00:00.000Z' })).toEqual(['r3']);
        const window = { expiresAfter: '2025-03-04T00:00:00.000Z' };
        expect(await ids({ ...window, expiresBefore: '2025-03-05T00:00:00.000Z' })).toEqual(['r2']);
      });
      test('lists no more than the limit, first ones first', async () => {
        expect(await ids({ limit: 2 })).toEqual(['r1', 'r2']);
        expect(await ids({ statuses: ['pending'], limit: 1 })).toEqual(['r1']);
      });
    });

    describeListingContract(() => store);
    describeAuditPagingContract(() => store);

    test('nextNumber starts at 1001 and never repeats under concurrency', async () => {
      expect(await store.nextNumber()).toBe(1001);
      const numbers = await Promise.all(Array.from({ length: 50 }, () => store.nextNumber()));
      expect(new Set(numbers).size).toBe(50);
      expect(Math.min(...numbers)).toBeGreaterThan(1001);
    });

    test('card copies are recorded per request, one per key, replaced in place', async () => {
      await store.putCardCopy('a', { key: 'channel', ref: { activityId: '1' } });
      await store.putCardCopy('a', { key: 'requester', ref: { activityId: '2' } });
      await store.putCardCopy('a', { key: 'channel', ref: { activityId: '3', nested: { x: 1 } } });
      await store.putCardCopy('b', { key: 'channel', ref: { activityId: '4' } });
      expect(await store.cardCopies('a')).toEqual([
        { key: 'channel', ref: { activityId: '3', nested: { x: 1 } } },
        { key: 'requester', ref: { activityId: '2' } },
      ]);
      expect(await store.cardCopies('none')).toEqual([]);
    });

    test('settings round-trip objects and are undefined until set', async () => {
      expect(await store.getSetting('approvals-channel')).toBeUndefined();
      const value = { teamId: 't', channelId: 'c', names: ['x'], on: true };
      await store.putSetting('approvals-channel', value);
      expect(await store.getSetting('approvals-channel')).toEqual(value);
      await store.putSetting('approvals-channel', { channelId: 'd' });
      expect(await store.getSetting('approvals-channel')).toEqual({ channelId: 'd' });
    });

    test('a setting added by several callers at once is stored once, and only one is told so', async () => {
      const added = await Promise.all(
        ['first', 'second', 'third', 'fourth'].map((by) =>
          store.addSetting('slack-event:Ev01', { by }),
        ),
      );
      expect(added.filter(Boolean)).toHaveLength(1);
      const winner = ['first', 'second', 'third', 'fourth'][added.indexOf(true)];
      expect(await store.getSetting('slack-event:Ev01')).toEqual({ by: winner });
      expect(await store.addSetting('slack-event:Ev01', { by: 'later' })).toBe(false);
      await store.putSetting('slack-event:Ev01', undefined);
      expect(await store.addSetting('slack-event:Ev01', { by: 'after removal' })).toBe(true);
    });

    test('the audit record is written only when the save wins', async () => {
      const request = aRequest({ number: 1001 });
      await store.create(request, anAudit(request, 'pending', { at: '2025-03-01T09:00:00.000Z' }));
      const won = transition(request, 'approved');
      await store.save(won, anAudit(request, 'approved', { graphRequestId: 'g-1' }));
      const lost = transition(request, 'rejected', 'approver-2');
      await store.save(lost, anAudit(request, 'rejected', { actorId: 'approver-2' }));
      const records = await store.auditSince('2025-01-01T00:00:00.000Z');
      expect(records.map((record) => record.to)).toEqual(['pending', 'approved']);
      expect(records[1]).toEqual(anAudit(request, 'approved', { graphRequestId: 'g-1' }));
    });

    test('auditSince returns the records at or after an instant, oldest first', async () => {
      const request = aRequest();
      await store.create(request);
      let current = request;
      for (const at of [
        '2025-03-03T00:00:00.000Z',
        '2025-03-01T00:00:00.000Z',
        '2025-03-02T00:00:00.000Z',
      ]) {
        const next = transition(current, 'approved');
        await store.save(next, anAudit(current, 'approved', { at, detail: at }));
        current = next;
      }
      const records = await store.auditSince('2025-03-02T00:00:00.000Z');
      expect(records.map((record) => record.at)).toEqual([
        '2025-03-02T00:00:00.000Z',
        '2025-03-03T00:00:00.000Z',
      ]);
    });

    test('settings with a prefix are listed by key, one per member, and only those', async () => {
      await store.putSetting('known-user:b', { name: 'B' });
      await store.putSetting('known-user:a', { name: 'A' });
      await store.putSetting('known-users', ['old list']);
      await store.putSetting('known-uses', 'near miss');
      await store.putSetting('approvals-channel', { id: 'c' });
      expect(await store.settingsWithPrefix('known-user:')).toEqual([
        { key: 'known-user:a', value: { name: 'A' } },
        { key: 'known-user:b', value: { name: 'B' } },
      ]);
      await store.putSetting('known-user:a', undefined);
      expect((await store.settingsWithPrefix('known-user:')).map((s) => s.key)).toEqual([
        'known-user:b',
      ]);
      expect(await store.settingsWithPrefix('nothing-')).toEqual([]);
    });

    test('a write fence stands on its item until the request that holds it clears it', async () => {
      const fence = {
        item: 'app:1',
        requestId: 'req-a',
        startedAt: '2026-01-01T00:00:00.000Z',
        landsBy: '2026-01-01T00:02:00.000Z',
      };
      expect(await store.getFence('app:1')).toBeUndefined();
      await store.putFence(fence);
      expect(await store.getFence('app:1')).toEqual(fence);
      expect(await store.getFence('app:2')).toBeUndefined();

      const later = {
        ...fence,
        startedAt: '2026-01-01T00:01:00.000Z',
        landsBy: '2026-01-01T00:03:00.000Z',
      };
      await store.putFence(later);
      expect(await store.getFence('app:1')).toEqual(later);

      await store.clearFence('app:1', 'req-b');
      expect(await store.getFence('app:1')).toEqual(later);
      await store.clearFence('app:1', 'req-a');
      expect(await store.getFence('app:1')).toBeUndefined();
    });

    test('returned and stored objects are copies, not shared with the caller', async () => {
      const request = aRequest();
      await store.create(request);
      request.requester.name = 'changed after create';
      const got = await store.get(request.id);
      if (!got) throw new Error('the request was not stored');
      got.status = 'assigned';
      got.requester.name = 'changed after get';
      const listed = await store.list({});
      expect(listed[0]?.requester.name).toBe('Rita Requester');
      expect((await store.get(request.id))?.status).toBe('pending');
    });
  });
}
