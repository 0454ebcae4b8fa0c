import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { GraphTokenProvider } from './credential';
import { MiddlewareControl } from '@microsoft/microsoft-graph-client/lib/src/middleware/MiddlewareControl';

/** How one call is to be made, beyond its method and URL. */
export interface CallOptions {
  /** A write: a timeout or a 5xx leaves its outcome unknown, so it is never retried blindly. */
  write?: boolean;
  /** When the whole call must have ended (a turn's time budget), as epoch milliseconds. */
  deadline?: number;
  /** Runs before each attempt leaves; the write fence records the attempt here. */
  beforeAttempt?: () => Promise<void>;
  /** The approver's delegated token for this call, in place of the bot's own. */
  as?: GraphTokenProvider;
}

/**
 * Per-call state passed through the Graph client's middleware chain: the fresh
 * `client-request-id`, Graph's `request-id` of the last response, and the retry and attempt
 * bookkeeping.
 */
export class CallInfo implements MiddlewareOptions {
  readonly clientRequestId = randomUUID();
  readonly startedAt = Date.now();
  requestId?: string;
  status?: number;
  attempts = 0;
  /** Set when retries stopped because the time bound (or the turn's deadline) would be passed. */
  gaveUpAfterMs?: number;
  /** Set when no token could be obtained: the call never left. */
  tokenError?: Error;
  /** Response headers of the last response, lower-cased. */
  headers: Record<string, string> = {};
  /** True once an attempt has left for Graph (after `beforeAttempt`). */
  sent = false;
  /** What `beforeAttempt` threw, if it refused the attempt (nothing was sent then). */
  hookError?: unknown;
  /** Why the last attempt was cut short, if it was. */
  cutShort?: 'attempt-timeout' | 'deadline';

  constructor(
    readonly method: string,
    readonly url: string,
    readonly options: CallOptions = {},
  ) {}
}

/** The call's `CallInfo` from the middleware context (a fresh one when none was passed). */
export function callInfoOf(context: Context): CallInfo {
  const control = context.middlewareControl;
  const info =
    control instanceof MiddlewareControl
      ? (control.getMiddlewareOptions(CallInfo) as CallInfo | undefined)
      : undefined;
  return info ?? new CallInfo('GET', String(context.request));
}
