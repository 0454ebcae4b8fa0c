import { HELD_IN_PROCESS, type HeldLock } from './ports/item-lock';
import type { Leases } from './ports/leases';

/**
 * `Leases` inside one process: a lease is a name in a set while its work runs. Exact for one
 * instance (SQLite refuses a second process on its file); instances sharing a store need shared
 * leases (Azure Blob leases).
 */
export class InProcessLeases implements Leases {
  private readonly held = new Set<string>();

  async tryRun(name: string, work: (held: HeldLock) => Promise<void>): Promise<boolean> {
    if (this.held.has(name)) return false;
    this.held.add(name);
    try {
      await work(HELD_IN_PROCESS);
      return true;
    } finally {
      this.held.delete(name);
    }
  }
}
