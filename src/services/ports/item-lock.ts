/**
 * Serialises the read-merge-write of one Intune item: while one writer holds an item, no other
 * reads and writes it (the second would drop the first's assignment). The in-process default is
 * `KeyedQueue`; instances that share a store need a lock they share too.
 */
export interface ItemLock {
  run<T>(item: string, work: () => Promise<T>): Promise<T>;
}
