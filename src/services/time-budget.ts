import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../domain/errors';

/**
 * The time budget of a turn. Teams waits about 10 to 15 s for a card action and shows an error
 * after, so every turn runs with a deadline, and every Graph call made inside it (membership
 * checks, reads) stops retrying and waiting at that deadline: the user is answered with what is
 * known ("Intune is slow to answer; try again") instead of an error after 15 s. Work started for
 * after the answer (the Graph write, notifications) runs outside any budget.
 */
const deadlines = new AsyncLocalStorage<number>();

/** The message of a Graph call cut short by the turn's budget. */
export const SLOW_INTUNE = 'Intune is slow to answer; try again in a moment.';

/** Runs `work` with a deadline `ms` from now (an enclosing, earlier deadline still holds). */
export function withTimeBudget<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const outer = deadlines.getStore();
  const deadline = Math.min(Date.now() + ms, outer ?? Number.POSITIVE_INFINITY);
  return deadlines.run(deadline, work);
}

/** The current turn's deadline (epoch ms), or undefined outside a turn. */
export function budgetDeadline(): number | undefined {
  return deadlines.getStore();
}

/** Runs `work`, and everything it starts, outside any turn's budget (background work). */
export function outsideTimeBudget<T>(work: () => T): T {
  return deadlines.exit(work);
}

/**
 * Waits for `promise` no longer than the current turn's budget allows; past it, fails with
 * `graph-timeout`. Outside a turn it simply waits.
 */
export async function withinTimeBudget<T>(promise: Promise<T>): Promise<T> {
  const deadline = budgetDeadline();
  if (deadline === undefined) return promise;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('graph-timeout', SLOW_INTUNE)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
