import type { RequestedAssignment } from '../../src/domain/assignment';
import { AssignmentWriter } from '../../src/services/assignment-writer';
import type { IntunePort } from '../../src/services/ports/intune';
import type { WriteFence } from '../../src/services/ports/request-store';
import { WriteFences } from '../../src/services/write-fences';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { BlobItemLock } from '../../src/storage/azure/blob-item-lock';
import { leaseBlobName } from '../../src/storage/azure/blob-lease';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';
import { assigningRequest } from '../support/assign-through';
import { graphHarness, type GraphHarness } from '../support/graph-harness';
import { leaseContainers, recordingLogger, until } from '../support/lease-testing';

const APP = WELL_KNOWN.apps.win32Unassigned;
const ITEM = { kind: 'app' as const, id: APP };
const SALES: RequestedAssignment = {
  target: { kind: 'group', groupId: WELL_KNOWN.groups.sales, exclude: false },
  targetName: 'Sales',
  intent: 'required',
};

/** The Intune port, with `onRead` awaited inside each read before a write, before it returns. */
function withOnRead(intune: IntunePort, onRead: () => Promise<void>): IntunePort {
  return new Proxy(intune, {
    get(target, key, receiver) {
      if (key !== 'readForWrite') return Reflect.get(target, key, receiver) as unknown;
      return async (...args: Parameters<IntunePort['readForWrite']>) => {
        const result = await target.readForWrite(...args);
        await onRead();
        return result;
      };
    },
  });
}

describe('the assignment writer under a per-item blob lease', () => {
  const at = leaseContainers('writer');
  let h: GraphHarness;
  let fencesPut: WriteFence[];

  const writer = (intune: IntunePort, locks: BlobItemLock) => {
    const store = new MemoryRequestStore();
    const recorded = {
      getFence: (item: string) => store.getFence(item),
      putFence: (fence: WriteFence) => {
        fencesPut.push(fence);
        return store.putFence(fence);
      },
      clearFence: (item: string, requestId: string) => store.clearFence(item, requestId),
    };
    const fences = new WriteFences({ store: recorded, lifetimeMs: 1500 });
    return new AssignmentWriter({ intune, locks, fences, signal: new AbortController().signal });
  };
  const request = () => assigningRequest(ITEM, SALES, { justification: 'Sales needs it' });

  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    fencesPut = [];
  });

  test('a write under a held lease is fenced, written once, checked and assigned; the lease is released', async () => {
    const log = recordingLogger();
    const locks = new BlobItemLock({
      container: at.container(),
      holder: 'writer',
      logger: log.logger,
    });

    const event = await writer(h.graph.intune, locks).write(request());

    expect(event?.type).toBe('assigned');
    expect(h.sim.control.writes().map((w) => w.status)).toEqual([204]);
    expect(fencesPut).toHaveLength(1);
    expect(log.lines.map((l) => l.message)).toEqual(['lease acquired', 'lease released']);
  });

  test('a lease lost between the read and the write aborts before the write: nothing reaches Intune and no fence is recorded', async () => {
    const log = recordingLogger();
    const locks = new BlobItemLock({
      container: at.container(),
      holder: 'writer',
      logger: log.logger,
      durationSeconds: 15,
      renewEveryMs: 100,
    });
    let reads = 0;
    const intune = withOnRead(h.graph.intune, async () => {
      reads += 1;
      const blob = at.container().getBlobClient(leaseBlobName('item-locks', `app:${APP}`));
      await blob.getBlobLeaseClient().breakLease(0);
      await until(() => log.has('warn', 'lease lost'));
    });

    await expect(writer(intune, locks).write(request())).rejects.toMatchObject({
      code: 'lock-lost',
    });

    expect(reads).toBe(1);
    expect(h.sim.control.writes()).toEqual([]);
    expect(fencesPut).toEqual([]);
  });
});
