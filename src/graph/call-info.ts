import { randomUUID } from 'node:crypto';
import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/**
 * Per-call state passed through the Graph client's middleware chain: the fresh
 * `client-request-id`, Graph's `request-id` of the last response, and the retry bookkeeping.
 */
export class CallInfo implements MiddlewareOptions {
  readonly clientRequestId = randomUUID();
  readonly startedAt = Date.now();
  requestId?: string;
  status?: number;
  attempts = 0;
  /** Set when retries stopped because the time bound would be passed. */
  gaveUpAfterMs?: number;
  /** Set when no token could be obtained: the call never left. */
  tokenError?: Error;
  /** Response headers of the last response, lower-cased. */
  headers: Record<string, string> = {};

  constructor(
    readonly method: string,
    readonly url: string,
  ) {}
}
