import { BlobLeases } from '../../src/storage/azure/blob-leases';
import { deferred, leaseContainers, recordingLogger, sleep, until } from '../support/lease-testing';

const noWork = async () => undefined;

describe('work one instance does at a time on Azure Blob leases (BlobLeases), against Azurite', () => {
  const at = leaseContainers('leases');
  const leases = (holder: string, logger = recordingLogger().logger) =>
    new BlobLeases({
      container: at.container(),
      holder,
      logger,
      durationSeconds: 15,
      renewEveryMs: 100,
    });

  test('a second tryRun of a held lease answers false while the first runs, and true after', async () => {
    const gate = deferred();
    const aHolds = deferred();
    const first = leases('a').tryRun('sweep', async () => {
      aHolds.resolve();
      await gate.promise;
    });
    await aHolds.promise;
    let secondRan = false;

    expect(await leases('b').tryRun('sweep', async () => void (secondRan = true))).toBe(false);
    expect(secondRan).toBe(false);
    gate.resolve();
    expect(await first).toBe(true);
    expect(await leases('b').tryRun('sweep', async () => void (secondRan = true))).toBe(true);
    expect(secondRan).toBe(true);
    expect(await at.container().exists()).toBe(true);
  });

  test('work that throws still releases the lease', async () => {
    const failing = leases('a').tryRun('request:1', async () => {
      throw new Error('the sweep failed');
    });

    await expect(failing).rejects.toThrow('the sweep failed');
    expect(await leases('b').tryRun('request:1', noWork)).toBe(true);
  });

  test('a lease broken from outside is lost: assertHeld throws lock-lost, another holder takes it, and the old holder’s release leaves the new lease alone', async () => {
    const log = recordingLogger();
    const secondHolds = deferred();
    const firstReturned = deferred();
    let second: Promise<boolean> | undefined;

    const first = await leases('a', log.logger).tryRun('sweep', async (held) => {
      await (await at.onlyBlob()).getBlobLeaseClient().breakLease(0);
      await until(() => log.has('warn', 'lease lost'));
      expect(() => held.assertHeld()).toThrow(expect.objectContaining({ code: 'lock-lost' }));
      second = leases('b').tryRun('sweep', async () => {
        secondHolds.resolve();
        await firstReturned.promise;
      });
      await secondHolds.promise;
    });

    expect(first).toBe(true);
    expect(log.has('warn', 'lease release failed; it expires on its own')).toBe(true);
    expect((await (await at.onlyBlob()).getProperties()).leaseState).toBe('leased');
    firstReturned.resolve();
    expect(await second).toBe(true);
  });

  test('renewals keep a live holder’s lease past its duration, while a dead holder’s lease expires and another instance takes its work', async () => {
    await at.deadHolder('leases', 'orphaned');
    const other = new BlobLeases({ container: at.container(), holder: 'b', durationSeconds: 15 });
    const live = new BlobLeases({ container: at.container(), holder: 'a', durationSeconds: 15 });

    const ran = await live.tryRun('kept', async (held) => {
      await sleep(16_500); // past the 15 s duration: only the renewals kept it
      held.assertHeld();
      expect(await other.tryRun('kept', noWork)).toBe(false);
      expect(await other.tryRun('orphaned', noWork)).toBe(true);
    });

    expect(ran).toBe(true);
  }, 30_000);
});
