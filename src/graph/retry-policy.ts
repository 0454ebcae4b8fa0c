import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { CallInfo } from './call-info';

/** How long retries of one Graph call may take in all, and the first backoff step. */
export interface RetryBounds {
  maxTotalMs: number;
  baseDelayMs: number;
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or bad. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Options for the library's `RetryHandler` (which retries 429, 503 and 504 and honours
 * `Retry-After`), bounded: a retry whose wait would end past `maxTotalMs` since the call started,
 * or past the call's deadline, is not made, and the call fails with the last response. A write is
 * retried on 429 only: Graph applied nothing then, whereas after a 503 or 504 the write may still
 * land, and the caller must read before writing again.
 */
export function boundedRetryOptions(info: CallInfo, bounds: RetryBounds): RetryHandlerOptions {
  return new RetryHandlerOptions(
    bounds.baseDelayMs / 1000,
    10,
    (_delay, attempt, _request, _options, response) => {
      const res = response as Response;
      if (info.options.write && res.status !== 429) return false;
      const wait = retryWaitMs(res.headers.get('retry-after'), attempt, bounds);
      const stop = retryRefusal(wait, info.startedAt, bounds, info.options.deadline);
      if (stop !== undefined) {
        info.gaveUpAfterMs = Date.now() - info.startedAt;
        if (stop === 'deadline') info.cutShort = 'deadline';
        return false;
      }
      info.attempts = attempt + 1;
      return true;
    },
  );
}

/**
 * The wait before retry number `attempt + 1`: `Retry-After` when Graph sent one, otherwise the
 * longest the library's exponential backoff (plus up to a second of jitter) may wait.
 */
export function retryWaitMs(
  retryAfter: string | null,
  attempt: number,
  bounds: RetryBounds,
): number {
  const baseSeconds = bounds.baseDelayMs / 1000;
  return (
    retryAfterMs(retryAfter) ??
    (attempt >= 1
      ? (0.5 * (2 ** (attempt + 1) - 1) + baseSeconds + 1) * 1000
      : (baseSeconds + 1) * 1000)
  );
}

/**
 * Why a retry after `waitMs` may not be made: it would end past the time bound of a call started
 * at `startedAt` (`bound`), or past its deadline (`deadline`); undefined when it may.
 */
export function retryRefusal(
  waitMs: number,
  startedAt: number,
  bounds: RetryBounds,
  deadline: number | undefined,
): 'bound' | 'deadline' | undefined {
  const now = Date.now();
  if (deadline !== undefined && now + waitMs > deadline) return 'deadline';
  return now - startedAt + waitMs > bounds.maxTotalMs ? 'bound' : undefined;
}
