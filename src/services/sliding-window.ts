/** How many writes may leave in any window, and how long the window is. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** The decision on one more write: taken (with the log to keep), or how long to wait first. */
export type Admission = { taken: true; log: number[] } | { taken: false; waitMs: number };

/**
 * A sliding-window log: `log` holds when the recent writes left (epoch ms). One more may leave
 * now when fewer than `limit` left within the last `windowMs`; else it waits until the oldest of
 * them leaves the window. Exact for any window, unlike a token bucket (which lets a full bucket
 * and a window's refill through together). Pure.
 */
export function admit(log: readonly number[], now: number, window: WindowLimit): Admission {
  const recent = log.filter((at) => at > now - window.windowMs).sort((a, b) => a - b);
  if (recent.length < window.limit) return { taken: true, log: [...recent, now] };
  const oldest = recent[recent.length - window.limit]!;
  return { taken: false, waitMs: oldest + window.windowMs - now + 1 };
}
