import { silentLogger, type ServiceLogger } from './options';
import { outsideTimeBudget } from './time-budget';

/**
 * Fire-and-forget work, such as the Graph work after an invoke has been answered. Failures are
 * logged, never thrown at the caller. `idle()` lets tests and graceful shutdown wait until nothing
 * is in flight; `shutdown()` also tells long waits (Multi Admin Approval polling) to stop, leaving
 * their requests to be resumed on the next start.
 */
export class BackgroundTasks {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly logger: ServiceLogger = silentLogger) {}

  /** How many tasks are in flight. */
  get size(): number {
    return this.inFlight.size;
  }

  /** Aborted once shutdown has begun; long waits watch it. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /**
   * Starts `work` on a later tick, outside the time budget of the turn that started it (the
   * answer has gone; the work may take as long as its own bounds allow); its failure is logged
   * with `label`.
   */
  run(work: () => Promise<unknown>, label = 'background task'): void {
    const task: Promise<void> = outsideTimeBudget(() => Promise.resolve().then(work))
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error, task: label }, `${label} failed`),
      )
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** Resolves once nothing is in flight, including tasks started by tasks. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Asks long waits to stop, then waits for everything in flight to end. */
  async shutdown(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }
}
