import type { RequestQuery, RequestStore } from '../../src/services/ports/request-store';
import { aRequest, transition } from './request-fixtures';

/**
 * The listing part of the `RequestStore` contract: filters, order, limit and paging, run by
 * `describeRequestStoreContract` against every backend. Small data on purpose; the benchmark
 * `bench/stored-requests.ts` shows the same queries at 100,000 requests.
 */
export function describeListingContract(store: () => RequestStore): void {
  describe('listing with filters, order and limit', () => {
    const a = { id: 'user-a', name: 'Ann' };
    const b = { id: 'user-b', name: 'Ben' };
    const approver = { id: 'APPROVER-1', name: 'Pat' };
    beforeEach(async () => {
      const s = store();
      await s.create(aRequest({ id: 'r1', number: 1001, requester: a }));
      await s.create(aRequest({ id: 'r2', number: 1002, requester: b, status: 'assigned' }));
      await s.create(aRequest({ id: 'r3', number: 1003, requester: approver }));
      await s.create(aRequest({ id: 'r4', number: 1004, requester: a, tenantId: 'Tenant-2' }));
      await s.create(aRequest({ id: 'r5', number: 1005, requester: b, tenantId: '' }));
      const draft = { status: 'draft', requester: a, expiresAt: undefined } as const;
      await s.create(aRequest({ ...draft, id: 'd1', createdAt: '2025-03-01T08:00:00.000Z' }));
      await s.create(aRequest({ ...draft, id: 'd2', createdAt: '2025-03-01T07:00:00.000Z' }));
    });
    const ids = async (query: RequestQuery) =>
      (await store().list(query)).map((request) => request.id);

    test('lists oldest or newest first by number, drafts after them by creation time', async () => {
      expect(await ids({ order: 'oldest' })).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'd2', 'd1']);
      expect(await ids({ order: 'newest' })).toEqual(['r5', 'r4', 'r3', 'r2', 'r1', 'd1', 'd2']);
      expect(await ids({ statuses: ['pending'], order: 'newest' })).toEqual([
        'r5',
        'r4',
        'r3',
        'r1',
      ]);
    });

    test('leaves out excluded statuses, so a requester sees submitted requests without drafts', async () => {
      expect(await ids({ requesterId: 'user-a', excludeStatuses: ['draft'] })).toEqual([
        'r1',
        'r4',
      ]);
      expect(await ids({ excludeStatuses: ['draft', 'pending'] })).toEqual(['r2']);
    });

    test("leaves out one person's requests, whatever the case of their id", async () => {
      const query = { statuses: ['pending'], notRequesterId: 'approver-1' } as const;
      expect(await ids(query)).toEqual(['r1', 'r4', 'r5']);
    });

    test("keeps a tenant's requests and those recording no tenant, regardless of case", async () => {
      expect(await ids({ statuses: ['pending'], tenantId: 'TENANT-1' })).toEqual([
        'r1',
        'r3',
        'r5',
      ]);
      expect(await ids({ statuses: ['pending'], tenantId: ' tenant-2 ' })).toEqual(['r4', 'r5']);
    });

    test('keeps what a status list and a requester both hold', async () => {
      const query = { statuses: ['pending', 'draft'], requesterId: 'user-a' } as const;
      expect(await ids(query)).toEqual(['r1', 'r4', 'd2', 'd1']);
      expect(await ids({ statuses: [] })).toEqual([]);
    });

    test('stops at the limit in order, reaching the drafts only when numbered ones run out', async () => {
      const queue = {
        statuses: ['pending'],
        notRequesterId: 'approver-1',
        tenantId: 'tenant-1',
      } as const;
      expect(await ids({ ...queue, order: 'oldest', limit: 1 })).toEqual(['r1']);
      expect(await ids({ requesterId: 'user-a', order: 'newest', limit: 1 })).toEqual(['r4']);
      expect(await ids({ requesterId: 'user-a', limit: 3 })).toEqual(['r1', 'r4', 'd2']);
      expect(await ids({ order: 'newest', limit: 6 })).toEqual([
        'r5',
        'r4',
        'r3',
        'r2',
        'r1',
        'd1',
      ]);
    });

    test('pages past a number in either order, leaving out drafts', async () => {
      expect(await ids({ afterNumber: 1002 })).toEqual(['r3', 'r4', 'r5']);
      expect(await ids({ order: 'newest', afterNumber: 1003 })).toEqual(['r2', 'r1']);
      const page = { statuses: ['pending'], afterNumber: 1001, limit: 2 } as const;
      expect(await ids(page)).toEqual(['r3', 'r4']);
      expect(await ids({ ...page, afterNumber: 1004 })).toEqual(['r5']);
    });

    test('a saved request moves to the lists of its new status', async () => {
      const r1 = await store().get('r1');
      if (!r1) throw new Error('r1 was not stored');
      await store().save(transition(r1, 'approved'));
      expect(await ids({ statuses: ['pending'] })).toEqual(['r3', 'r4', 'r5']);
      expect(await ids({ statuses: ['approved'], requesterId: 'user-a' })).toEqual(['r1']);
      expect((await store().getByNumber(1001))?.status).toBe('approved');
    });

    test('a number held by another request is refused', async () => {
      await expect(store().create(aRequest({ id: 'r9', number: 1003 }))).rejects.toMatchObject({
        code: 'conflict',
      });
      const d1 = await store().get('d1');
      if (!d1) throw new Error('d1 was not stored');
      const numbered = { ...transition(d1, 'pending'), number: 1001 };
      await expect(store().save(numbered)).rejects.toMatchObject({ code: 'conflict' });
      expect((await store().getByNumber(1001))?.id).toBe('r1');
    });
  });
}
