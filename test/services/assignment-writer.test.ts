import type { RequestedAssignment } from '../../src/domain/assignment';
import type { AssignmentRequest } from '../../src/domain/request';
import {
  AssignmentWriter,
  MAX_WRITES,
  PLACE_FRESH_MS,
  QUEUED_AFTER_MS,
} from '../../src/services/assignment-writer';
import { KeyedQueue } from '../../src/services/keyed-queue';
import type { IntunePort } from '../../src/services/ports/intune';
import { WriteFences } from '../../src/services/write-fences';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';
import { assigningRequest, assignThrough } from '../support/assign-through';
import { graphHarness, type GraphHarness } from '../support/graph-harness';

const APP = WELL_KNOWN.apps.win32Unassigned;
const ITEM = { kind: 'app' as const, id: APP };
const SALES: RequestedAssignment = {
  target: { kind: 'group', groupId: WELL_KNOWN.groups.sales, exclude: false },
  targetName: 'Sales',
  intent: 'required',
};

const groupsOf = (h: GraphHarness) =>
  (h.sim.control.tenant().appAssignments.get(APP) ?? []).map(
    (a) => (a.target as { groupId?: string }).groupId,
  );

/** An assignment of the app to another group, as an admin would add it in Intune. */
function byHand(groupId: string): GraphObject {
  return {
    '@odata.type': '#microsoft.graph.mobileAppAssignment',
    id: `${groupId}_1_0`,
    intent: 'required',
    source: 'direct',
    sourceId: null,
    target: {
      '@odata.type': '#microsoft.graph.groupAssignmentTarget',
      groupId,
      deviceAndAppManagementAssignmentFilterId: null,
      deviceAndAppManagementAssignmentFilterType: 'none',
    },
    settings: null,
  };
}

/** The Intune port, with `after` run right after each write Graph accepted. */
function withAfterWrite(intune: IntunePort, after: (writes: number) => void): IntunePort {
  let writes = 0;
  return new Proxy(intune, {
    get(target, key, receiver) {
      if (key !== 'writeAssignments') return Reflect.get(target, key, receiver) as unknown;
      return async (...args: Parameters<IntunePort['writeAssignments']>) => {
        const result = await target.writeAssignments(...args);
        writes += 1;
        after(writes);
        return result;
      };
    },
  });
}

describe('writing an assignment behind the write fence, and checking it after', () => {
  let h: GraphHarness;
  let store: MemoryRequestStore;
  let waits: number[];

  const writer = (intune: IntunePort = h.graph.intune, lifetimeMs = 1500) =>
    new AssignmentWriter({
      intune,
      locks: new KeyedQueue(4),
      fences: new WriteFences({
        store,
        lifetimeMs,
        sleep: async (ms) => {
          waits.push(ms);
          await new Promise((resolve) => setTimeout(resolve, ms));
          return true;
        },
      }),
      signal: new AbortController().signal,
    });

  const request = (): AssignmentRequest =>
    assigningRequest(ITEM, SALES, { justification: 'Sales needs it' });

  /**
   * A writer whose write rate always finds its window full for `waitMs` (and lets the write go
   * at once, so the test does not wait); each place taken and each wait told is recorded.
   */
  const rateWriter = (waitMs: number, steps: string[], intune: IntunePort = h.graph.intune) =>
    new AssignmentWriter({
      intune,
      locks: new KeyedQueue(4),
      fences: new WriteFences({ store, lifetimeMs: 1500 }),
      rate: {
        acquire: async (_signal?: AbortSignal, onWait?: (ms: number) => void) => {
          steps.push('place');
          onWait?.(waitMs);
          return true;
        },
      },
      signal: new AbortController().signal,
      onQueued: (_request, ms) => steps.push(`queued ${ms}`),
    });

  beforeAll(async () => {
    h = await graphHarness({ attemptTimeoutMs: 500 });
    // The simulated tenant compiles its schemas on the first write: not a slow Graph to time out.
    await assignThrough(h.graph.intune, ITEM, SALES, { justification: 'warm-up' });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    store = new MemoryRequestStore();
    waits = [];
  });

  test('a write that waits long for a place in the write rate is said queued once, though Graph’s 429 makes it wait again', async () => {
    const told: string[] = [];
    h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 429,
      retryAfter: 0,
      times: 1,
    });

    const event = await rateWriter(40_000, told).write(request());

    expect(event?.type).toBe('assigned');
    expect(h.sim.control.writes().map((w) => w.status)).toEqual([429, 204]);
    // A place before the read, told; another for the retry after the 429, not told again.
    expect(told).toEqual(['place', 'queued 40000', 'place']);
  });

  test('a write that waits more than 5 s behind another write to the same app is said queued once, with no estimate; one that gets the app at once is not', async () => {
    const locks = new KeyedQueue(4);
    const told: (number | undefined)[] = [];
    const queuedWriter = new AssignmentWriter({
      intune: h.graph.intune,
      locks,
      fences: new WriteFences({ store, lifetimeMs: 1500 }),
      signal: new AbortController().signal,
      onQueued: (_request, ms) => told.push(ms),
    });
    // Another request's write holds the app a little longer than the threshold.
    const other = locks.run(
      `app:${APP}`,
      () => new Promise((resolve) => setTimeout(resolve, QUEUED_AFTER_MS + 300)),
    );

    const event = await queuedWriter.write(request());
    await other;

    expect(event?.type).toBe('assigned');
    expect(told).toEqual([undefined]);
    expect(groupsOf(h)).toContain(WELL_KNOWN.groups.sales);

    h.sim.control.reset();
    told.length = 0;
    expect((await queuedWriter.write(request()))?.type).toBe('assigned');
    expect(told).toEqual([]);
  }, 15_000);

  test('the write place is waited for before the read, so the set posted is read after the wait; a slow read takes a fresh place', async () => {
    const steps: string[] = [];
    let slowReads = 0;
    const recorded = new Proxy(h.graph.intune, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        // The read before the write is the batched readForWrite; the check after lists the set.
        if (!['readForWrite', 'getAssignments', 'writeAssignments'].includes(String(key))) {
          return value;
        }
        return async (...args: unknown[]) => {
          steps.push(key === 'writeAssignments' ? 'write' : 'read');
          if (key === 'readForWrite' && slowReads > 0) {
            slowReads -= 1;
            await new Promise((resolve) => setTimeout(resolve, PLACE_FRESH_MS + 200));
          }
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    const ordered = () => rateWriter(0, steps, recorded);

    expect((await ordered().write(request()))?.type).toBe('assigned');
    // Place, then the read and the write at once; the read after the write is the check.
    expect(steps).toEqual(['place', 'read', 'write', 'read']);

    h.sim.control.reset();
    steps.length = 0;
    slowReads = 1;
    expect((await ordered().write(request()))?.type).toBe('assigned');
    expect(steps).toEqual(['place', 'read', 'write', 'place', 'read']);
  });

  test('a short wait for a place in the write rate is not told', async () => {
    const told: string[] = [];
    expect((await rateWriter(QUEUED_AFTER_MS, told).write(request()))?.type).toBe('assigned');
    expect(told).toEqual(['place']);
  });

  test('a write waits until another request’s unconfirmed write can no longer land before it reads', async () => {
    const landsBy = new Date(Date.now() + 400).toISOString();
    await store.putFence({
      item: `app:${APP}`,
      requestId: 'other',
      startedAt: new Date().toISOString(),
      landsBy,
    });

    const event = await writer().write(request());

    expect(event?.type).toBe('assigned');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(300);
    const firstRead = h.sim.control.requests().find((r) => r.url.includes('/assignments'));
    expect(firstRead).toBeDefined();
    // Its own fence replaced the expired one and was lifted once its write was confirmed.
    expect(await store.getFence(`app:${APP}`)).toBeUndefined();
  });

  test('a write that times out and lands late is not written again: after its lifetime the read finds it', async () => {
    h.sim.control.addFault({ method: 'POST', path: '/assign$', latencyMs: 900, times: 1 });

    const event = await writer().write(request());

    expect(event).toMatchObject({
      type: 'assigned',
      outcome: { note: expect.stringMatching(/Write 1 was not confirmed/) },
    });
    expect(h.sim.control.writes().map((w) => w.status)).toEqual([204]);
    expect(groupsOf(h)).toEqual([WELL_KNOWN.groups.sales]);
    expect(waits).toHaveLength(1);
    expect(await store.getFence(`app:${APP}`)).toBeUndefined();
  });

  test('a write answered 503 that did not land is written once more after its lifetime', async () => {
    h.sim.control.addFault({ method: 'POST', path: '/assign$', status: 503, times: 1 });

    const event = await writer(h.graph.intune, 500).write(request());

    expect(event?.type).toBe('assigned');
    expect(h.sim.control.writes().map((w) => w.status)).toEqual([503, 204]);
    expect(groupsOf(h)).toEqual([WELL_KNOWN.groups.sales]);
    expect(await store.getFence(`app:${APP}`)).toBeUndefined();
  });

  test('an assignment an admin adds while the bot writes is kept, and the thread is told the set changed', async () => {
    const tenant = h.sim.control.tenant();
    const intune = withAfterWrite(h.graph.intune, () =>
      tenant.appAssignments.set(APP, [
        ...(tenant.appAssignments.get(APP) ?? []),
        byHand(WELL_KNOWN.groups.marketing),
      ]),
    );

    const event = await writer(intune).write(request());

    expect(event).toMatchObject({
      type: 'assigned',
      outcome: { note: expect.stringMatching(/changed while the bot wrote/) },
    });
    expect(h.sim.control.writes()).toHaveLength(1);
    expect(groupsOf(h).sort()).toEqual(
      [WELL_KNOWN.groups.marketing, WELL_KNOWN.groups.sales].sort(),
    );
  });

  test('an assignment erased right after the write (a late write landing) is merged and written again', async () => {
    const tenant = h.sim.control.tenant();
    const intune = withAfterWrite(h.graph.intune, (writes) => {
      if (writes === 1) tenant.appAssignments.set(APP, [byHand(WELL_KNOWN.groups.marketing)]);
    });

    const event = await writer(intune).write(request());

    expect(event).toMatchObject({
      type: 'assigned',
      outcome: { note: expect.stringMatching(/After write 1/) },
    });
    expect(h.sim.control.writes()).toHaveLength(2);
    expect(groupsOf(h).sort()).toEqual(
      [WELL_KNOWN.groups.marketing, WELL_KNOWN.groups.sales].sort(),
    );
  });

  test(`an assignment that keeps disappearing is never reported assigned: it fails after ${MAX_WRITES} writes`, async () => {
    const tenant = h.sim.control.tenant();
    const intune = withAfterWrite(h.graph.intune, () => tenant.appAssignments.set(APP, []));

    await expect(writer(intune).write(request())).rejects.toMatchObject({
      code: 'assignment-missing',
      message: expect.stringMatching(/not in Intune after 3 writes/),
    });
    expect(h.sim.control.writes()).toHaveLength(MAX_WRITES);
  });

  test('a held write is replayed only while Intune still holds the set it was merged from', async () => {
    h.sim.control.settings({ multiAdminApproval: true });
    const held = await assignThrough(h.graph.intune, ITEM, SALES, { justification: 'MAA' });
    const pending = held.pending!;
    h.sim.control.decideApproval(pending.approvalCode, 'approve');
    const tenant = h.sim.control.tenant();
    tenant.appAssignments.set(APP, [byHand(WELL_KNOWN.groups.marketing)]);

    await expect(held.writer.replay(held.request, pending)).rejects.toMatchObject({
      code: 'assignments-changed',
      message: expect.stringMatching(/replaying the approved write would undo those changes/),
    });
    expect(h.sim.control.writes()).toHaveLength(1);
    expect(groupsOf(h)).toEqual([WELL_KNOWN.groups.marketing]);
  });
});
