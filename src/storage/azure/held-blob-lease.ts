import type { BlobLeaseClient } from '@azure/storage-blob';
import { AppError } from '../../domain/errors';
import type { ServiceLogger } from '../../services/options';
import type { HeldLock } from '../../services/ports/item-lock';

/** pino's shape: the use cases' logger, and `debug` where the logger has it. */
export type LeaseLogger = ServiceLogger & { debug?(context: object, message?: string): void };

/** How a held lease is kept, fixed per `LeaseBlobs` (see `BlobLeaseOptions`). */
export interface LeaseTiming {
  holder: string;
  logger: LeaseLogger;
  durationMs: number;
  renewEveryMs: number;
  marginMs: number;
  now: () => number;
}

/** `409 LeaseIdMismatchWithLeaseOperation`, or the error's message: for logs and refusals. */
export function describeStorageError(error: unknown): string {
  const { statusCode, code } = (error ?? {}) as { statusCode?: number; code?: string };
  if (statusCode !== undefined || code !== undefined) {
    return [statusCode, code].filter((p) => p !== undefined).join(' ');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * One Azure Blob lease this instance holds while its work runs. It renews itself every
 * `renewEveryMs` (counted from when the previous renewal left) until released. The lease is
 * trusted only while certainly held: not after a renewal failed, and not once the last
 * confirmation (the acquisition or a renewal, timed from when its request left) is older than the
 * duration minus the margin, since a process that stalled past the expiry has had no chance to
 * see a renewal fail. From then on `assertHeld` refuses.
 */
export class HeldBlobLease implements HeldLock {
  private confirmedAt: number;
  private lostBecause: string | undefined;
  private released = false;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: BlobLeaseClient,
    private readonly name: string,
    sentAt: number,
    private readonly timing: LeaseTiming,
  ) {
    this.confirmedAt = sentAt;
    const expiresAt = new Date(sentAt + timing.durationMs).toISOString();
    timing.logger.info({ ...this.ids(), expiresAt }, 'lease acquired');
    this.schedule(sentAt);
  }

  assertHeld(): void {
    const { now, durationMs, marginMs } = this.timing;
    const age = now() - this.confirmedAt;
    if (!this.lostBecause && age > durationMs - marginMs) {
      this.lose(
        `it was last taken or renewed ${Math.round(age / 1000)} s ago and lasts ${durationMs / 1000} s`,
      );
    }
    if (this.released) this.lostBecause ??= 'it was released';
    if (this.lostBecause) {
      throw new AppError(
        'lock-lost',
        `The lease "${this.name}" was lost (${this.lostBecause}): another instance may hold it now, so the work stopped before writing.`,
      );
    }
  }

  /** Stops renewing and releases the lease. A failed release is logged: the lease expires anyway. */
  async release(): Promise<void> {
    this.released = true;
    clearTimeout(this.timer);
    await this.renewing;
    try {
      await this.client.releaseLease({ abortSignal: AbortSignal.timeout(this.timing.durationMs) });
      this.timing.logger.info(this.ids(), 'lease released');
    } catch (error) {
      this.timing.logger.warn(
        { ...this.ids(), error: describeStorageError(error) },
        'lease release failed; it expires on its own',
      );
    }
  }

  private schedule(lastSentAt: number): void {
    const delay = Math.max(0, lastSentAt + this.timing.renewEveryMs - this.timing.now());
    this.timer = setTimeout(() => {
      this.renewing = this.renew();
    }, delay);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const { now, durationMs, marginMs, logger } = this.timing;
    const sentAt = now();
    try {
      // A renewal slower than the trusted window is useless: by then assertHeld refuses anyway.
      await this.client.renewLease({ abortSignal: AbortSignal.timeout(durationMs - marginMs) });
      this.confirmedAt = sentAt;
      const expiresAt = new Date(sentAt + durationMs).toISOString();
      logger.debug?.({ ...this.ids(), expiresAt }, 'lease renewed');
      if (!this.released && !this.lostBecause) this.schedule(sentAt);
    } catch (error) {
      if (!this.released) this.lose(`its renewal failed: ${describeStorageError(error)}`);
    }
  }

  /** Marks the lease lost for good and stops renewing it: the work must not trust it again. */
  private lose(reason: string): void {
    if (this.lostBecause) return;
    this.lostBecause = reason;
    clearTimeout(this.timer);
    this.timing.logger.warn({ ...this.ids(), reason }, 'lease lost');
  }

  private ids() {
    return { holder: this.timing.holder, lease: this.name, leaseId: this.client.leaseId };
  }
}
