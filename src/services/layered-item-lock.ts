import { KeyedQueue } from './keyed-queue';
import type { HeldLock, ItemLock } from './ports/item-lock';

/**
 * A shared lock (an Azure Blob lease per item) behind this instance's own queue: writes to one
 * item queue up in the process before they contend with other instances, and at most
 * `concurrency` items are written at once by this instance, as with the in-process lock alone.
 */
export class LayeredItemLock implements ItemLock {
  private readonly queue: KeyedQueue;

  constructor(
    private readonly shared: ItemLock,
    concurrency: number,
  ) {
    this.queue = new KeyedQueue(concurrency);
  }

  run<T>(item: string, work: (held: HeldLock) => Promise<T>): Promise<T> {
    return this.queue.run(item, () => this.shared.run(item, work));
  }
}
