import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorCode } from '../domain/errors';
import { budgetDeadline, SLOW_INTUNE } from '../services/time-budget';
import { GraphError } from './graph-error';
import type { GraphResponse, GraphVersion } from './graph-http';
import { retryRefusal, retryWaitMs, type RetryBounds } from './retry-policy';

/**
 * One read inside a JSON batch. Only reads are batched: a write goes alone, behind its lock,
 * fence and write budget, and is never retried blindly.
 */
export interface BatchRead {
  /** Unique in the batch (without regard to case); the answer carries it. */
  id: string;
  /** Below the version, with an already-encoded query string, e.g. `/groups/{id}?$select=id`. */
  path: string;
  headers?: Record<string, string>;
}

/** What Graph answered to one read of a batch; header names lower-cased. */
export interface BatchAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set on a throttled or unavailable answer whose retries stopped at the turn's deadline. */
  cutShort?: 'deadline';
}

interface WireAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Graph's limit of requests in one batch. */
export const MAX_BATCH = 20;

const RETRYABLE = new Set([429, 503, 504]);

/** How `batchReads` sends a batch: `GraphHttp.send`, with its retries, timeout and correlation. */
export type SendBatch = (request: {
  method: 'POST';
  version: GraphVersion;
  path: string;
  body: unknown;
}) => Promise<GraphResponse<{ responses?: WireAnswer[] }>>;

const lowerCased = (headers: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * Sends reads as Graph JSON batches (`POST /{version}/$batch`, 20 reads at most in each, the
 * batches in parallel) and answers each by id. The batch itself goes through the client's
 * pipeline, so a 429 or 5xx of the whole batch is retried there; a 429, 503 or 504 of a read
 * inside is retried here the same way (its own `Retry-After` honoured, within the same time bound
 * and the turn's deadline), resending only the reads that need it. A read whose retries ran out
 * keeps its last answer; `batchFailure` turns it into the error a call alone would have thrown.
 */
export async function batchReads(
  send: SendBatch,
  version: GraphVersion,
  reads: readonly BatchRead[],
  bounds: RetryBounds,
): Promise<Map<string, BatchAnswer>> {
  const chunks: BatchRead[][] = [];
  for (let i = 0; i < reads.length; i += MAX_BATCH) chunks.push(reads.slice(i, i + MAX_BATCH));
  const answered = await Promise.all(chunks.map((chunk) => oneBatch(send, version, chunk, bounds)));
  return new Map(answered.flatMap((answers) => [...answers]));
}

async function oneBatch(
  send: SendBatch,
  version: GraphVersion,
  reads: readonly BatchRead[],
  bounds: RetryBounds,
): Promise<Map<string, BatchAnswer>> {
  const startedAt = Date.now();
  const deadline = budgetDeadline();
  const answers = new Map<string, BatchAnswer>();
  let pending = reads;
  for (let attempt = 0; ; attempt += 1) {
    const requests = pending.map(({ id, path, headers }) => ({
      id,
      method: 'GET',
      url: path,
      headers,
    }));
    const response = await send({ method: 'POST', version, path: '/$batch', body: { requests } });
    for (const wire of response.body.responses ?? []) {
      const { id, status, headers, body } = wire;
      answers.set(id, { status, headers: lowerCased(headers), body });
    }
    const again = pending.filter((read) => RETRYABLE.has(answers.get(read.id)?.status ?? 0));
    if (again.length === 0 || attempt >= 10) return answers;
    const wait = Math.max(
      ...again.map((read) =>
        retryWaitMs(answers.get(read.id)?.headers['retry-after'] ?? null, attempt, bounds),
      ),
    );
    const refusal = retryRefusal(wait, startedAt, bounds, deadline);
    if (refusal === 'deadline') {
      for (const read of again) {
        const last = answers.get(read.id);
        if (last) last.cutShort = refusal;
      }
    }
    if (refusal !== undefined) return answers;
    await sleep(wait);
    pending = again;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; innerError?: Record<string, string> };
}

/** The product's code for a failed read: what `GraphHttp` gives the same answer to a call alone. */
function codeOf(status: number): ErrorCode {
  if (status === 429) return 'graph-throttled';
  if (status === 401) return 'graph-auth';
  return RETRYABLE.has(status) ? 'graph-unavailable' : 'graph-failed';
}

/**
 * The error for a read of a batch that did not succeed (or got no answer), with Graph's code,
 * message and request ids from the read's own answer. A read whose retries the turn's deadline
 * stopped tells the user Intune is slow, as a call alone does.
 */
export function batchFailure(
  answer: BatchAnswer | undefined,
  version: GraphVersion,
  read: BatchRead,
): GraphError {
  const where = `GET /${version}${read.path} (in a batch)`;
  if (answer === undefined) {
    return new GraphError('graph-failed', `Microsoft Graph did not answer ${where}.`, {
      status: 0,
      graphCode: 'NoAnswer',
      clientRequestId: '',
    });
  }
  const error = (answer.body as ErrorBody | undefined)?.error;
  const inner = error?.innerError ?? {};
  const graphCode = error?.code ?? `Http${answer.status}`;
  const slow = answer.cutShort === 'deadline';
  const message = slow
    ? SLOW_INTUNE
    : RETRYABLE.has(answer.status)
      ? `Microsoft Graph answered ${answer.status} (${graphCode}) to ${where}; gave up retrying.`
      : (error?.message ?? `Microsoft Graph answered ${answer.status} to ${where}.`);
  return new GraphError(slow ? 'graph-timeout' : codeOf(answer.status), message, {
    status: answer.status,
    graphCode,
    requestId: answer.headers['request-id'] ?? inner['request-id'],
    clientRequestId: answer.headers['client-request-id'] ?? inner['client-request-id'] ?? '',
    headers: answer.headers,
  });
}
