import { HELD_IN_PROCESS, type HeldLock, type ItemLock } from './ports/item-lock';

/** Items written at once by one instance by default; writes to one item are always one at a time. */
export const WRITE_CONCURRENCY = 4;

/**
 * Runs tasks one at a time per key, and at most `concurrency` keys at once: the in-process
 * `ItemLock`. Writes to one Intune item are serialised so that two read-merge-write cycles never
 * interleave (the second would silently drop the first's assignment); a burst of approvals queues
 * instead of hammering Graph.
 */
export class KeyedQueue implements ItemLock {
  private readonly tails = new Map<string, Promise<unknown>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  run<T>(key: string, task: (held: HeldLock) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous
      .catch(() => undefined)
      .then(() => this.limited(() => task(HELD_IN_PROCESS)));
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
