import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  type GraphError as LibraryGraphError,
} from '@microsoft/microsoft-graph-client';
import type { Logger } from '../logger';
import { budgetDeadline, SLOW_INTUNE } from '../services/time-budget';
import { AttemptMiddleware, DeadlinePassed } from './attempt-middleware';
import { CallInfo } from './call-info';
import { CorrelationMiddleware } from './correlation-middleware';
import type { ReadBudget } from './read-budget';
import type { GraphTokenProvider } from './credential';
import type { ErrorCode } from '../domain/errors';
import { batchReads, type BatchAnswer, type BatchRead } from './graph-batch';
import { GraphError } from './graph-error';
import { boundedRetryOptions, type RetryBounds } from './retry-policy';

export type GraphVersion = 'beta' | 'v1.0';

export interface GraphRequest {
  method: 'GET' | 'POST';
  version: GraphVersion;
  /** Path below the version with an already-encoded query string, e.g. `/groups?$top=5`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * A write (the assign action): retried on 429 only, and a timeout or 5xx fails it with
   * `write-unconfirmed`, since it may still land.
   */
  write?: boolean;
  /** Runs before each attempt leaves (the write fence records the attempt). */
  beforeAttempt?: () => Promise<void>;
  /** The approver's delegated token, for a write that runs as them. */
  as?: GraphTokenProvider;
}

export interface GraphResponse<T> {
  body: T;
  requestId: string;
  clientRequestId: string;
}

export interface GraphHttpOptions {
  baseUrl: string;
  tokens: GraphTokenProvider;
  logger: Logger;
  retry: RetryBounds;
  /** Client-side timeout of each attempt, in milliseconds. */
  attemptTimeoutMs: number;
  /** Intune's any-request limit, kept for reads; none in tests that do not count. */
  reads?: ReadBudget;
}

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const RETRYABLE = new Set([429, 503, 504]);

/**
 * The one way the product speaks HTTP to Graph: the Microsoft Graph JavaScript client's pipeline
 * (our correlation middleware, the library's `RetryHandler`, our per-attempt timeout, its fetch
 * handler), with errors turned into a typed `GraphError` carrying Graph's code, message and
 * request ids. A call made inside a turn stops at the turn's deadline (see `time-budget`).
 */
export class GraphHttp {
  private readonly client: Client;
  private readonly base: string;

  constructor(private readonly options: GraphHttpOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    const correlation = new CorrelationMiddleware(options.tokens, options.logger);
    const retry = new RetryHandler();
    const attempt = new AttemptMiddleware(options.attemptTimeoutMs, options.reads);
    correlation.setNext(retry);
    retry.setNext(attempt);
    attempt.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({ middleware: correlation, baseUrl: `${this.base}/` });
  }

  /** Sends one request, retrying throttling and transient failures within the time bound. */
  async send<T>(request: GraphRequest): Promise<GraphResponse<T>> {
    const info = new CallInfo(request.method, `/${request.version}${request.path}`, {
      write: request.write,
      beforeAttempt: request.beforeAttempt,
      deadline: budgetDeadline(),
      as: request.as,
    });
    const call = this.client
      .api(request.path)
      .version(request.version)
      .headers(request.headers ?? {})
      .middlewareOptions([info, boundedRetryOptions(info, this.options.retry)]);
    try {
      const body = (
        request.method === 'GET' ? await call.get() : await call.post(request.body)
      ) as T;
      return { body, requestId: info.requestId ?? '', clientRequestId: info.clientRequestId };
    } catch (error) {
      if (info.hookError !== undefined) throw info.hookError;
      throw this.toGraphError(error, info);
    }
  }

  /**
   * Sends reads in one round trip (Graph JSON `$batch`, 20 reads a batch) and answers each by id,
   * a read throttled inside the batch retried as a call alone is (see `graph-batch`).
   */
  batch(version: GraphVersion, reads: readonly BatchRead[]): Promise<Map<string, BatchAnswer>> {
    return batchReads((request) => this.send(request), version, reads, this.options.retry);
  }

  /** Follows `@odata.nextLink` until the last page (or `maxItems`), returning every item. */
  async getAll<T>(
    version: GraphVersion,
    path: string,
    options: { headers?: Record<string, string>; maxItems?: number } = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next !== undefined && items.length < (options.maxItems ?? Infinity)) {
      const page: GraphResponse<Page<T>> = await this.send<Page<T>>({
        method: 'GET',
        version,
        path: next,
        headers: options.headers,
      });
      items.push(...page.body.value);
      next = this.relative(version, page.body['@odata.nextLink']);
    }
    return options.maxItems === undefined ? items : items.slice(0, options.maxItems);
  }

  /** Graph's nextLink is absolute; the client takes a path below the version. */
  private relative(version: GraphVersion, link: string | undefined): string | undefined {
    if (link === undefined) return undefined;
    const url = new URL(link);
    const prefix = `/${version}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    return `${path}${url.search}`;
  }

  private toGraphError(error: unknown, info: CallInfo): GraphError {
    const lib = error as Partial<LibraryGraphError> & { message?: string };
    const status = info.status ?? lib.statusCode ?? 0;
    const details = {
      status,
      graphCode: lib.code ?? (status === 0 ? 'NetworkError' : `Http${status}`),
      requestId: info.requestId ?? lib.requestId ?? undefined,
      clientRequestId: info.clientRequestId,
      headers: info.headers,
    };
    const where = `${info.method} ${info.url}`;
    const fail = (code: ErrorCode, message: string) => new GraphError(code, message, details);
    if (info.tokenError) {
      return fail(
        'graph-auth',
        `No token for Microsoft Graph could be obtained: ${info.tokenError.message}`,
      );
    }
    // The library wraps what a middleware throws: a deadline that passed before sending is known
    // by `cutShort`.
    if (!info.sent && !(error instanceof DeadlinePassed) && info.cutShort !== 'deadline') {
      return fail(
        'graph-failed',
        `The call ${where} was not sent: ${lib.message ?? String(error)}`,
      );
    }
    if (
      info.options.write &&
      info.sent &&
      (info.cutShort !== undefined || status === 0 || status >= 500)
    ) {
      return fail(
        'write-unconfirmed',
        `Intune did not confirm the write ${where}: ${this.why(info, status, details.graphCode, lib.message)}.`,
      );
    }
    // Inside a turn the user is told Intune is slow, whichever timer ran out (the log has which).
    if (info.cutShort === 'deadline' || (info.cutShort && info.options.deadline !== undefined)) {
      return fail('graph-timeout', SLOW_INTUNE);
    }
    if (info.cutShort === 'attempt-timeout') {
      return fail(
        'graph-timeout',
        `Microsoft Graph did not answer ${where} within ${this.attemptSeconds()} s.`,
      );
    }
    if (status === 0) {
      return fail(
        'graph-unavailable',
        `Microsoft Graph could not be reached (${where}): ${lib.message ?? 'network error'}`,
      );
    }
    if (RETRYABLE.has(status)) {
      const seconds = ((info.gaveUpAfterMs ?? Date.now() - info.startedAt) / 1000).toFixed(1);
      const code = status === 429 ? 'graph-throttled' : 'graph-unavailable';
      return fail(
        code,
        `Microsoft Graph answered ${status} (${details.graphCode}) to ${where} ${info.attempts + 1} times over ${seconds} s; gave up retrying.`,
      );
    }
    if (info.options.as && (status === 401 || status === 403)) {
      // Only Intune's own Multi Admin Approval 403 (told apart by the caller) is not a refusal.
      return status === 403
        ? fail(
            'intune-role-refused',
            `Intune refused ${where} for the approver: ${lib.message ?? 'Forbidden'}`,
          )
        : fail(
            'graph-auth',
            `Microsoft Graph refused the approver's token (401 ${details.graphCode}).`,
          );
    }
    if (status === 401) {
      return fail(
        'graph-auth',
        `Microsoft Graph refused the token (401 ${details.graphCode}): ${lib.message ?? ''}`,
      );
    }
    return fail('graph-failed', lib.message || `Microsoft Graph answered ${status} to ${where}.`);
  }

  /** Why a write's outcome is unknown, in words. */
  private why(info: CallInfo, status: number, graphCode: string, message?: string): string {
    if (info.cutShort !== undefined) return `no answer within ${this.attemptSeconds()} s`;
    if (status === 0) return `the connection failed (${message ?? 'network error'})`;
    return `it answered ${status} (${graphCode})`;
  }

  private attemptSeconds(): string {
    return (this.options.attemptTimeoutMs / 1000).toFixed(1);
  }
}
