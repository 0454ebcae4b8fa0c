import type { RequestStore, WriteFence } from './ports/request-store';

export interface WriteFencesOptions {
  store: Pick<RequestStore, 'getFence' | 'putFence' | 'clearFence'>;
  /** How long after it leaves an attempt may still land in Intune. */
  lifetimeMs: number;
  /**
   * Wall-clock time in epoch ms. Not the use cases' `Clock`: a fence is about when a request
   * left over the network, which tests that move the business clock by hand do not move.
   */
  now?: () => number;
  /** Waits; resolves false when `signal` aborted the wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<boolean>;
  /**
   * How often a wait reads the fence again (default 1 s): a fence lifted meanwhile (its write
   * confirmed) ends the wait then, not at its `landsBy`.
   */
  recheckMs?: number;
}

/** Waits `ms`; resolves false when `signal` aborted the wait first. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * The write fence. Graph's assign takes no ETag and a request in flight may land long after its
 * sender gave up on it (a timeout, a 5xx, a bot killed mid-write). So each attempt is recorded,
 * durably, before it leaves, with the instant after which it can no longer land; and no write to
 * that item is made (by this request or another, in this process or after a restart) until that
 * instant has passed or the attempt's outcome is known (its fence lifted). Only then does a fresh
 * read show what Intune really holds.
 */
export class WriteFences {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<boolean>;
  private readonly recheckMs: number;

  constructor(private readonly options: WriteFencesOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleepFor;
    this.recheckMs = options.recheckMs ?? 1000;
  }

  /** The fence standing on `item` now (one whose instant has passed no longer stands). */
  async standing(item: string): Promise<WriteFence | undefined> {
    const fence = await this.options.store.getFence(item);
    return fence && Date.parse(fence.landsBy) > this.now() ? fence : undefined;
  }

  /**
   * Waits until no attempt to `item` can still land: until the fence's `landsBy`, or until it is
   * lifted (its outcome known), whichever comes first; a write in flight, of this instance or
   * another, is usually confirmed within a second, long before its `landsBy`. False when
   * `signal` (shutdown) stopped the wait first. `onWait` hears of each fence waited for, once,
   * e.g. to log it.
   */
  async waitUntilLanded(
    item: string,
    signal?: AbortSignal,
    onWait?: (fence: WriteFence) => void,
  ): Promise<boolean> {
    let heard: WriteFence | undefined;
    for (;;) {
      const fence = await this.standing(item);
      if (!fence) return true;
      if (fence.requestId !== heard?.requestId || fence.startedAt !== heard.startedAt) {
        onWait?.(fence);
        heard = fence;
      }
      const ms = Math.min(Date.parse(fence.landsBy) - this.now() + 1, this.recheckMs);
      if (!(await this.sleep(ms, signal))) return false;
    }
  }

  /** Records an attempt of `requestId` to `item` leaving now (call it before each attempt). */
  async recordAttempt(item: string, requestId: string): Promise<void> {
    const now = this.now();
    await this.options.store.putFence({
      item,
      requestId,
      startedAt: new Date(now).toISOString(),
      landsBy: new Date(now + this.options.lifetimeMs).toISOString(),
    });
  }

  /** Lifts the fence once the request's write is known to have landed or failed. */
  clear(item: string, requestId: string): Promise<void> {
    return this.options.store.clearFence(item, requestId);
  }
}
