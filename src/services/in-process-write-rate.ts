import type { WriteRate } from './ports/write-rate';
import { admit, type WindowLimit } from './sliding-window';
import { sleepFor } from './write-fences';

/** The write rate of one instance, kept in memory: exact when it is the only one. */
export class InProcessWriteRate implements WriteRate {
  private log: number[] = [];

  constructor(
    private readonly window: WindowLimit,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<boolean> {
    for (let told = false; ; told = true) {
      const admission = admit(this.log, this.now(), this.window);
      if (admission.taken) {
        this.log = admission.log;
        return true;
      }
      if (!told) onWait?.(admission.waitMs);
      if (!(await sleepFor(admission.waitMs, signal))) return false;
    }
  }
}
