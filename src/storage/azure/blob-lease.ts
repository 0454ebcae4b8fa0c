import { createHash, randomUUID } from 'node:crypto';
import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { AppError } from '../../domain/errors';
import { silentLogger } from '../../services/options';
import type { HeldLock } from '../../services/ports/item-lock';
import {
  describeStorageError,
  HeldBlobLease,
  type LeaseLogger,
  type LeaseTiming,
} from './held-blob-lease';

export type { LeaseLogger } from './held-blob-lease';

export interface BlobLeaseOptions {
  /** One empty blob per lock or lease name lives here; created if missing, on first use. */
  container: ContainerClient;
  /** This instance, as the logs name the holder (e.g. hostname-pid-random). */
  holder: string;
  logger?: LeaseLogger;
  /**
   * Seconds a lease lasts unless renewed: 15 to 60 (Azure's bounds), 30 by default. Never
   * infinite, so that a dead holder's lease expires and another instance takes over.
   */
  durationSeconds?: number;
  /** How often a held lease is renewed; a third of the duration by default. */
  renewEveryMs?: number;
  /**
   * How long before its expiry a lease stops being trusted: room for what happens between
   * `assertHeld` and the write leaving (the fence is recorded) and for clock drift; 5 s by default.
   */
  marginMs?: number;
  /** Wall-clock time in epoch ms, for tests that stall a holder. */
  now?: () => number;
}

/** The folder of a container each kind of lease lives in, so that names of two kinds never meet. */
export type LeaseKind = 'item-locks' | 'leases';

/**
 * The blob whose lease stands for `name`: a readable part (`app:<guid>` -> `app-<guid>`) and a hash
 * of the name, so that names differing only in characters a blob name cannot hold stay apart.
 */
export function leaseBlobName(kind: LeaseKind, name: string): string {
  const readable = name.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 200);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return `${kind}/${readable}-${hash}`;
}

const statusOf = (error: unknown) => (error as { statusCode?: number } | null)?.statusCode;
const codeOf = (error: unknown) => (error as { code?: string } | null)?.code;

/**
 * The shared core of `BlobItemLock` and `BlobLeases`: takes the lease of one name's blob without
 * waiting, creating the container and the blob when they are missing. A blob is created only if
 * it does not exist (`If-None-Match: *`), so creating it never disturbs a lease on it.
 */
export class LeaseBlobs {
  readonly timing: LeaseTiming;
  private readonly durationSeconds: number;

  constructor(
    private readonly options: BlobLeaseOptions,
    private readonly kind: LeaseKind,
  ) {
    this.durationSeconds = options.durationSeconds ?? 30;
    const durationMs = this.durationSeconds * 1000;
    const renewEveryMs = options.renewEveryMs ?? durationMs / 3;
    const marginMs = options.marginMs ?? 5000;
    checkTiming(this.durationSeconds, renewEveryMs, marginMs);
    this.timing = {
      holder: options.holder,
      logger: options.logger ?? silentLogger,
      durationMs,
      renewEveryMs,
      marginMs,
      now: options.now ?? Date.now,
    };
  }

  /**
   * The lease of `name`, now held and renewed; undefined when another holder has it. Any other
   * answer from Azure Storage is an `AppError` with code `lock-unavailable`.
   */
  async tryTake(name: string): Promise<HeldBlobLease | undefined> {
    const blob = this.options.container.getBlockBlobClient(leaseBlobName(this.kind, name));
    try {
      try {
        return await this.acquire(blob, name);
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
      await this.create(blob);
      return await this.acquire(blob, name);
    } catch (error) {
      throw new AppError(
        'lock-unavailable',
        `The lease "${name}" could not be taken: Azure Storage answered ${describeStorageError(error)}.`,
      );
    }
  }

  private async acquire(blob: BlockBlobClient, name: string): Promise<HeldBlobLease | undefined> {
    const client = blob.getBlobLeaseClient(randomUUID());
    const sentAt = this.timing.now();
    try {
      await client.acquireLease(this.durationSeconds, {
        abortSignal: AbortSignal.timeout(this.timing.durationMs),
      });
    } catch (error) {
      if (codeOf(error) === 'LeaseAlreadyPresent') return undefined;
      throw error;
    }
    return new HeldBlobLease(client, name, sentAt, this.timing);
  }

  private async create(blob: BlockBlobClient): Promise<void> {
    await this.options.container.createIfNotExists();
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      // Another instance created it first (409), or holds a lease on it already (412).
      if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
    }
  }
}

function checkTiming(durationSeconds: number, renewEveryMs: number, marginMs: number): void {
  if (!Number.isInteger(durationSeconds) || durationSeconds < 15 || durationSeconds > 60) {
    throw new RangeError(
      'A blob lease lasts 15 to 60 whole seconds (Azure Storage refuses others).',
    );
  }
  if (!(marginMs >= 0 && renewEveryMs > 0 && renewEveryMs < durationSeconds * 1000 - marginMs)) {
    throw new RangeError(
      'A blob lease must be renewed more often than its duration minus the safety margin.',
    );
  }
}

/** Runs `work` holding `lease`, then releases it, whether the work succeeded or threw. */
export async function runHolding<T>(
  lease: HeldBlobLease,
  work: (held: HeldLock) => Promise<T>,
): Promise<T> {
  try {
    return await work(lease);
  } finally {
    await lease.release();
  }
}
