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
  const baseSeconds = bounds.baseDelayMs / 1000;
  return new RetryHandlerOptions(
    baseSeconds,
    10,
    (_delay, attempt, _request, _options, response) => {
      const res = response as Response;
      if (info.options.write && res.status !== 429) return false;
      const headerValue = res.headers.get('retry-after');
      // Without Retry-After the handler backs off exponentially plus up to a second of jitter.
      const wait =
        retryAfterMs(headerValue) ??
        (attempt >= 1
          ? (0.5 * (2 ** (attempt + 1) - 1) + baseSeconds + 1) * 1000
          : (baseSeconds + 1) * 1000);
      const now = Date.now();
      const elapsed = now - info.startedAt;
      const pastDeadline =
        info.options.deadline !== undefined && now + wait > info.options.deadline;
      if (elapsed + wait > bounds.maxTotalMs || pastDeadline) {
        info.gaveUpAfterMs = elapsed;
        if (pastDeadline) info.cutShort = 'deadline';
        return false;
      }
      info.attempts = attempt + 1;
      return true;
    },
  );
}
