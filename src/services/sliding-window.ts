/**
 * Intune counts requests over 20 s; the bot counts over 21 s, a second of margin for the time
 * from taking a place to the request leaving.
 */
export const INTUNE_WINDOW_MS = 21_000;

/** How many writes may leave in any window, and how long the window is. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** The decision on one more write: taken (with the log to keep), or how long to wait first. */
export type Admission = { taken: true; log: number[] } | { taken: false; waitMs: number };

/**
 * A sliding-window log: `log` holds when the recent writes left (epoch ms). `places` more (one
 * request, or the inner requests of a batch) may leave now when at most `limit - places` left
 * within the last `windowMs`; else they wait until enough of the oldest leave the window. Exact
 * for any window, unlike a token bucket (which lets a full bucket and a window's refill through
 * together). Pure.
 */
export function admit(
  log: readonly number[],
  now: number,
  window: WindowLimit,
  places = 1,
): Admission {
  const recent = log.filter((at) => at > now - window.windowMs).sort((a, b) => a - b);
  const wanted = Math.min(places, window.limit);
  if (recent.length + wanted <= window.limit) {
    return { taken: true, log: [...recent, ...Array<number>(wanted).fill(now)] };
  }
  const oldest = recent[recent.length + wanted - window.limit - 1]!;
  return { taken: false, waitMs: oldest + window.windowMs - now + 1 };
}
