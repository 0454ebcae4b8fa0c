import { AppError } from '../../domain/errors';
import type { HeldLock, ItemLock } from '../../services/ports/item-lock';
import { LeaseBlobs, runHolding, type BlobLeaseOptions } from './blob-lease';
import type { HeldBlobLease } from './held-blob-lease';

export interface BlobItemLockOptions extends BlobLeaseOptions {
  /**
   * How long `run` waits for an item another holder keeps; 5 minutes by default, since a holder
   * may wait out a write fence and Graph's retries under the lock. A dead holder's lease is free
   * after at most its duration.
   */
  waitMs?: number;
  /** The mean pause between two attempts to take a held lock (jittered by half); 1 s by default. */
  retryEveryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The per-item write lock shared by every instance on one Azure Storage account: an Azure Blob
 * lease per Intune item, held and renewed for the whole read-merge-write-check, so that two
 * instances never interleave writes to one item. `run` waits (with jittered retries) until the
 * lease is free, then runs the work with a `HeldLock` whose `assertHeld` refuses once the lease
 * may have been lost; past `waitMs` it gives up with `lock-unavailable` and runs nothing.
 * It does not queue or limit work within this process: compose it with `KeyedQueue` for that.
 */
export class BlobItemLock implements ItemLock {
  private readonly blobs: LeaseBlobs;
  private readonly waitMs: number;
  private readonly retryEveryMs: number;

  constructor(options: BlobItemLockOptions) {
    this.blobs = new LeaseBlobs(options, 'item-locks');
    this.waitMs = options.waitMs ?? 300_000;
    this.retryEveryMs = options.retryEveryMs ?? 1000;
  }

  async run<T>(item: string, work: (held: HeldLock) => Promise<T>): Promise<T> {
    return runHolding(await this.take(item), work);
  }

  private async take(item: string): Promise<HeldBlobLease> {
    const { now, logger, holder } = this.blobs.timing;
    const startedAt = now();
    for (let attempt = 1; ; attempt += 1) {
      const lease = await this.blobs.tryTake(item);
      if (lease) return lease;
      const waitedMs = now() - startedAt;
      if (waitedMs >= this.waitMs) {
        throw new AppError(
          'lock-unavailable',
          `The write lock on ${item} stayed held by another writer for over ${Math.round(this.waitMs / 1000)} s; nothing was written. An approver can retry.`,
        );
      }
      logger.debug?.(
        { holder, lease: item, attempt, waitedMs },
        'waiting for a lock another instance holds',
      );
      const pause = this.retryEveryMs * (0.5 + Math.random());
      await sleep(Math.min(pause, this.waitMs - waitedMs));
    }
  }
}
