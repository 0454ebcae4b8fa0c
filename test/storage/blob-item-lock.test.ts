import { performance } from 'node:perf_hooks';
import { BlobServiceClient } from '@azure/storage-blob';
import type { HeldLock } from '../../src/services/ports/item-lock';
import { BlobItemLock, type BlobItemLockOptions } from '../../src/storage/azure/blob-item-lock';
import { AZURITE_KEY } from '../support/azurite';
import { deferred, leaseContainers, recordingLogger, sleep } from '../support/lease-testing';

const ITEM = 'app:6f1c2a3b-9d4e-4f5a-8b7c-0d1e2f3a4b5c';
const noWork = async () => undefined;

describe('the per-item write lock on Azure Blob leases (BlobItemLock), against Azurite', () => {
  const at = leaseContainers('item-locks');
  const itemLock = (holder: string, options: Partial<BlobItemLockOptions> = {}) =>
    new BlobItemLock({ container: at.container(), holder, retryEveryMs: 20, ...options });

  test('holders of one item never run their work at the same time, and each one runs', async () => {
    const spans: { start: number; end: number }[] = [];
    const work = (holder: string) => async (held: HeldLock) => {
      const start = performance.now();
      await sleep(150);
      held.assertHeld();
      spans.push({ start, end: performance.now() });
      return holder;
    };

    const done = await Promise.all(['a', 'b', 'c'].map((h) => itemLock(h).run(ITEM, work(h))));

    expect(done).toEqual(['a', 'b', 'c']);
    const ordered = [...spans].sort((x, y) => x.start - y.start);
    for (let i = 1; i < ordered.length; i += 1) {
      expect(ordered[i]!.start).toBeGreaterThanOrEqual(ordered[i - 1]!.end);
    }
  });

  test('different items never block each other', async () => {
    const gate = deferred();
    const aHolds = deferred();
    const first = itemLock('a').run('app:1', async () => {
      aHolds.resolve();
      await gate.promise;
    });
    await aHolds.promise;

    // No wait allowed: were app:2 blocked by app:1, this would fail at once.
    const second = itemLock('b', { waitMs: 0 }).run('app:2', async () => 'ran');

    await expect(second).resolves.toBe('ran');
    gate.resolve();
    await first;
  });

  test('a lock kept past the wait bound fails with lock-unavailable, and the waiting work never runs', async () => {
    const log = recordingLogger();
    const gate = deferred();
    const aHolds = deferred();
    const first = itemLock('a').run(ITEM, async () => {
      aHolds.resolve();
      await gate.promise;
    });
    await aHolds.promise;
    let ran = false;

    const waiting = itemLock('b', { waitMs: 300, retryEveryMs: 50, logger: log.logger }).run(
      ITEM,
      async () => void (ran = true),
    );

    await expect(waiting).rejects.toMatchObject({ code: 'lock-unavailable' });
    expect(ran).toBe(false);
    const waits = log.lines.filter(
      (l) => l.message === 'waiting for a lock another instance holds',
    );
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]!).toMatchObject({ level: 'debug', context: { holder: 'b', lease: ITEM } });
    gate.resolve();
    await first;
  });

  test('work that throws still releases the lock, and the error is the work’s own', async () => {
    const log = recordingLogger();
    const failing = itemLock('a', { logger: log.logger }).run(ITEM, async () => {
      throw new Error('the work failed');
    });

    await expect(failing).rejects.toThrow('the work failed');
    expect((await (await at.onlyBlob()).getProperties()).leaseState).toBe('available');
    expect(log.has('info', 'lease released')).toBe(true);
    await expect(itemLock('b', { waitMs: 0 }).run(ITEM, async () => 'next')).resolves.toBe('next');
  });

  test('taking and releasing are logged with the holder, the name, the lease id and the expiry, and no key', async () => {
    const log = recordingLogger();

    await itemLock('host-1234-ab', { logger: log.logger }).run(ITEM, noWork);

    expect(log.lines.find((l) => l.message === 'lease acquired')).toMatchObject({
      level: 'info',
      context: {
        holder: 'host-1234-ab',
        lease: ITEM,
        leaseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
    expect(log.lines.find((l) => l.message === 'lease released')).toMatchObject({
      level: 'info',
      context: { holder: 'host-1234-ab', lease: ITEM },
    });
    expect(JSON.stringify(log.lines)).not.toContain(AZURITE_KEY);
  });

  test('a holder that stalls past its lease without renewing no longer holds it: assertHeld throws lock-lost', async () => {
    const log = recordingLogger();
    let now = Date.now();
    const lock = itemLock('stalled', { logger: log.logger, now: () => now });

    await lock.run(ITEM, async (held) => {
      held.assertHeld();
      now += 30_000 - 5_000 + 1; // past the 30 s duration minus the 5 s margin
      expect(() => held.assertHeld()).toThrow(
        expect.objectContaining({ code: 'lock-lost', message: expect.stringMatching(/25 s ago/) }),
      );
    });

    expect(log.lines.find((l) => l.message === 'lease lost')).toMatchObject({
      level: 'warn',
      context: { holder: 'stalled', lease: ITEM },
    });
  });

  test('an answer from Azure Storage other than "held elsewhere" fails with lock-unavailable, naming no key', async () => {
    const wrongKey = Buffer.alloc(64, 7).toString('base64');
    const stranger = BlobServiceClient.fromConnectionString(
      at.azurite().connectionString.replace(AZURITE_KEY, wrongKey),
    ).getContainerClient(at.container().containerName);
    let ran = false;

    const error = await new BlobItemLock({ container: stranger, holder: 'x' })
      .run(ITEM, async () => void (ran = true))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'lock-unavailable',
      message: expect.stringMatching(/403/),
    });
    expect((error as Error).message).not.toContain(wrongKey);
    expect(ran).toBe(false);
  });

  test('a dead holder’s lock expires after its duration, and a waiting writer then takes it', async () => {
    await at.deadHolder('item-locks', ITEM);
    const diedAt = performance.now();

    const tookAt = await itemLock('b', { waitMs: 30_000, retryEveryMs: 500 }).run(ITEM, async () =>
      performance.now(),
    );

    // Not before the dead holder's 15 s lease ran out (a lower bound, not a timing assertion).
    expect(tookAt - diedAt).toBeGreaterThanOrEqual(14_000);
  }, 30_000);
});
