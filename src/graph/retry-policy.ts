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
 * `Retry-After`) bounded in total time: a retry whose wait would end past `maxTotalMs` since the
 * call started is not made, and the call fails with the last response.
 */
export function boundedRetryOptions(info: CallInfo, bounds: RetryBounds): RetryHandlerOptions {
  const baseSeconds = bounds.baseDelayMs / 1000;
  return new RetryHandlerOptions(
    baseSeconds,
    10,
    (_delay, attempt, _request, _options, response) => {
      const headerValue = (response as Response).headers.get('retry-after');
      // Without Retry-After the handler backs off exponentially plus up to a second of jitter.
      const wait =
        retryAfterMs(headerValue) ??
        (attempt >= 1
          ? (0.5 * (2 ** (attempt + 1) - 1) + baseSeconds + 1) * 1000
          : (baseSeconds + 1) * 1000);
      const elapsed = Date.now() - info.startedAt;
      if (elapsed + wait > bounds.maxTotalMs) {
        info.gaveUpAfterMs = elapsed;
        return false;
      }
      info.attempts = attempt + 1;
      return true;
    },
  );
}
