import type { HeldLock } from './item-lock';

/**
 * Work that exactly one instance does at a time: a round of the expiry sweep, the Graph work of
 * one request. `tryRun` takes the lease `name` without waiting and runs `work` while holding (and
 * renewing) it; when another instance holds it, nothing runs and it answers false. A lease whose
 * holder dies expires, so another instance takes the work over.
 */
export interface Leases {
  tryRun(name: string, work: (held: HeldLock) => Promise<void>): Promise<boolean>;
}
