import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { callInfoOf, type CallInfo } from './call-info';
import { placesOf, type ReadBudget } from './read-budget';

/** Thrown before an attempt that the call's deadline leaves no time for. */
export class DeadlinePassed extends Error {
  constructor() {
    super('The time budget for this call has run out.');
    this.name = 'DeadlinePassed';
  }
}

/**
 * Last link before the fetch, run once per attempt (the library's `RetryHandler` sits before it):
 * a read takes its place in the read budget, then the call's `beforeAttempt` hook runs (a write's
 * place in the write rate, its fence), then the attempt is sent with a client-side timeout, the
 * shorter of the per-attempt timeout and what is left of the call's deadline. Without it a request
 * that Graph never answers would wait for Node's 300 s default, holding its item's writes behind it.
 */
export class AttemptMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly attemptTimeoutMs: number,
    private readonly reads?: ReadBudget,
  ) {}

  /** A read waits for its place (a turn's read no later than its deadline); writes have their own. */
  private async readPlace(context: Context, info: CallInfo): Promise<void> {
    if (!this.reads || info.options.write) return;
    const places = placesOf(String(context.request), context.options?.body);
    if (await this.reads.take(places, info.options.deadline)) return;
    info.cutShort = 'deadline';
    throw new DeadlinePassed();
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const info = callInfoOf(context);
    await this.readPlace(context, info);
    const left = (info.options.deadline ?? Number.POSITIVE_INFINITY) - Date.now();
    if (left <= 0) {
      info.cutShort = 'deadline';
      throw new DeadlinePassed();
    }
    try {
      await info.options.beforeAttempt?.();
    } catch (error) {
      // Kept as it is (a lost lock, say): the Graph client would wrap it in its own error type.
      info.hookError = error;
      throw error;
    }
    const byDeadline = left < this.attemptTimeoutMs;
    const signal = AbortSignal.timeout(Math.min(left, this.attemptTimeoutMs));
    context.options = { ...context.options, signal };
    info.sent = true;
    try {
      await this.next?.execute(context);
    } catch (error) {
      if (signal.aborted) info.cutShort = byDeadline ? 'deadline' : 'attempt-timeout';
      throw error;
    }
  }
}
