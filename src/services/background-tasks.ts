import { silentLogger, type ServiceLogger } from './options';
import { outsideTimeBudget } from './time-budget';

/** The longest new background work waits for answers owed (see `answerFirst`) before it starts. */
export const MAX_DEFER_MS = 5_000;
/** How long no answer must be owed before waiting work starts: clicks of a burst come in gaps. */
const QUIET_MS = 20;

/**
 * Fire-and-forget work, such as the Graph work after an invoke has been answered. Failures are
 * logged, never thrown at the caller. `idle()` lets tests and graceful shutdown wait until nothing
 * is in flight; `shutdown()` also tells long waits (Multi Admin Approval polling) to stop, leaving
 * their requests to be resumed on the next start.
 *
 * Answers go first: while turns run through `answerFirst`, new work waits to start (at most
 * `maxDeferMs`), so a burst of clicks is answered before the work the clicks started competes
 * with it. Waiting work lives only in memory, like running work: the store holds what is owed
 * (an approved request, say), which the start-up resume and the sweep take over after a crash.
 */
export class BackgroundTasks {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly waiting: (() => void)[] = [];
  private answering = 0;
  private releaseSoon?: NodeJS.Timeout;
  private deadline?: NodeJS.Timeout;

  constructor(
    private readonly logger: ServiceLogger = silentLogger,
    private readonly maxDeferMs = MAX_DEFER_MS,
  ) {}

  /** How many tasks are in flight (waiting to start or running). */
  get size(): number {
    return this.inFlight.size;
  }

  /** Aborted once shutdown has begun; long waits watch it. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /**
   * Runs `answer`, a turn whose caller waits for its answer; background work started meanwhile
   * waits until no answer is owed (or `maxDeferMs`).
   */
  async answerFirst<T>(answer: () => Promise<T>): Promise<T> {
    this.answering += 1;
    clearTimeout(this.releaseSoon);
    this.releaseSoon = undefined;
    try {
      return await answer();
    } finally {
      this.answering -= 1;
      // Clicks that arrive right after this one get in first: the release waits a moment.
      if (this.answering === 0 && this.waiting.length > 0) {
        this.releaseSoon = setTimeout(() => this.release(), QUIET_MS);
      }
    }
  }

  /**
   * Starts `work` on a later tick (after the answers owed), outside the time budget of the turn
   * that started it (the answer has gone; the work may take as long as its own bounds allow); its
   * failure is logged with `label`.
   */
  run(work: () => Promise<unknown>, label = 'background task'): void {
    const task: Promise<void> = this.turn()
      .then(() => outsideTimeBudget(() => Promise.resolve().then(work)))
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
    this.release();
    await this.idle();
  }

  /** Resolves when new work may start: at once when no answer is owed. */
  private turn(): Promise<void> {
    const free = this.answering === 0 && this.waiting.length === 0;
    if (free || this.stopping.signal.aborted) return Promise.resolve();
    this.deadline ??= setTimeout(() => this.release(), this.maxDeferMs);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    clearTimeout(this.deadline);
    clearTimeout(this.releaseSoon);
    this.deadline = undefined;
    this.releaseSoon = undefined;
    for (const start of this.waiting.splice(0)) start();
  }
}
