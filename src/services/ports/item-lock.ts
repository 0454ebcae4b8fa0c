/**
 * Proof, checked before each write leaves, that the holder still holds its lock or lease. A lease
 * shared between instances can be lost (its renewal failed, the process stalled past its expiry);
 * a write made after that could interleave with another instance's, so it is refused instead.
 */
export interface HeldLock {
  /** Throws an `AppError` with code `lock-lost` when the lock is no longer certainly held. */
  assertHeld(): void;
}

/** A lock that is never lost: held by this process for as long as the work runs. */
export const HELD_IN_PROCESS: HeldLock = { assertHeld: () => undefined };

/**
 * Serialises the read-merge-write of one Intune item: while one writer holds an item, no other
 * reads and writes it (the second would drop the first's assignment). The in-process default is
 * `KeyedQueue`; instances that share a store share this lock too (an Azure Blob lease per item).
 * `run` waits for the lock, runs `work` while holding (and renewing) it, then releases it.
 */
export interface ItemLock {
  run<T>(item: string, work: (held: HeldLock) => Promise<T>): Promise<T>;
}
