import { badRequest, errorEnvelope, GraphError, type Correlation } from './errors';
import { isRecord, ok, type GraphRequest, type SimResponse } from './http-types';
import type { RawRequest } from './request-parsing';

/**
 * Graph's JSON batching (`POST /{version}/$batch`): at most 20 requests, each answered with its
 * own status, headers and body, in any order; a request naming others in `dependsOn` runs after
 * them, and answers 424 when one of them failed. Each request is sent through `send`, the
 * simulator's own dispatch, so it is authenticated, faulted, validated and recorded exactly as a
 * request sent on its own. A malformed batch is refused whole with a 400, as Graph does.
 */

/** Graph's documented limit of requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;

/** One answer inside a batch. */
export interface InnerAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Sends one request of the batch through the simulator's dispatch. */
export type SendInner = (raw: RawRequest) => Promise<InnerAnswer>;

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

const FORMAT = 'Invalid batch payload format.';

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function innerRequest(value: unknown): InnerRequest {
  if (!isRecord(value)) throw badRequest(FORMAT);
  const { id, method, url, headers = {}, body, dependsOn = [] } = value;
  if (typeof id !== 'string' || id === '') throw badRequest(`${FORMAT} Every request needs an id.`);
  if (typeof method !== 'string' || typeof url !== 'string' || url === '') {
    throw badRequest(`${FORMAT} Request '${id}' needs a method and a url.`);
  }
  if (/^[a-z]+:\/\//i.test(url)) {
    throw badRequest(`The url of request '${id}' must be relative to the version, e.g. /users.`);
  }
  if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
    throw badRequest(`${FORMAT} The headers of request '${id}' must be strings.`);
  }
  if (!strings(dependsOn)) throw badRequest(`${FORMAT} dependsOn of '${id}' must list ids.`);
  return {
    id,
    method: method.toUpperCase(),
    url,
    headers: headers as Record<string, string>,
    body,
    dependsOn,
  };
}

/** The batch's requests by lower-cased id (ids are unique without regard to case). */
function parseBatch(body: unknown): Map<string, InnerRequest> {
  if (!isRecord(body) || !Array.isArray(body.requests)) throw badRequest(FORMAT);
  const list = body.requests;
  if (list.length === 0) throw badRequest(`${FORMAT} A batch needs at least one request.`);
  if (list.length > MAX_BATCH_REQUESTS) {
    throw badRequest(
      `A batch holds at most ${MAX_BATCH_REQUESTS} requests; this one has ${list.length}.`,
    );
  }
  const byId = new Map<string, InnerRequest>();
  for (const request of list.map(innerRequest)) {
    const key = request.id.toLowerCase();
    if (byId.has(key)) throw badRequest(`The request id '${request.id}' is used more than once.`);
    byId.set(key, request);
  }
  for (const request of byId.values()) {
    for (const dependency of request.dependsOn) {
      if (!byId.has(dependency.toLowerCase())) {
        throw badRequest(
          `Request '${request.id}' depends on '${dependency}', which is not in the batch.`,
        );
      }
    }
  }
  refuseCycles(byId);
  return byId;
}

function refuseCycles(byId: Map<string, InnerRequest>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string): void => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      throw badRequest(`The dependsOn of request '${byId.get(key)?.id}' form a cycle.`);
    }
    state.set(key, 'visiting');
    for (const dependency of byId.get(key)?.dependsOn ?? []) visit(dependency.toLowerCase());
    state.set(key, 'done');
  };
  for (const key of byId.keys()) visit(key);
}

/** The request as it would have arrived on its own: the batch's credentials, its own headers. */
function rawOf(request: InnerRequest, batch: GraphRequest): RawRequest {
  const path = request.url.startsWith('/') ? request.url : `/${request.url}`;
  const headers: Record<string, string> = { ...request.headers };
  if (batch.headers.authorization !== undefined)
    headers.authorization = batch.headers.authorization;
  const body =
    request.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
  return {
    method: request.method,
    url: `/${batch.versionSegment}${path}`,
    headers,
    body,
    tooLarge: false,
  };
}

const succeeded = (answer: InnerAnswer) => answer.status >= 200 && answer.status < 300;

function failedDependency(request: InnerRequest, correlation: Correlation): InnerAnswer {
  const error = new GraphError(
    424,
    'FailedDependency',
    `Request '${request.id}' was not run: a request it depends on failed.`,
  );
  return {
    status: 424,
    headers: { 'Content-Type': 'application/json' },
    body: errorEnvelope(error, correlation),
  };
}

/** Answers a `$batch` request; `send` dispatches each of its requests. */
export async function answerBatch(req: GraphRequest, send: SendInner): Promise<SimResponse> {
  if (req.method !== 'POST') {
    throw new GraphError(
      405,
      'BadRequest',
      `The HTTP method '${req.method}' is not allowed on $batch.`,
    );
  }
  const byId = parseBatch(req.body);
  const started = new Map<string, Promise<InnerAnswer>>();
  const run = (key: string): Promise<InnerAnswer> => {
    const request = byId.get(key) as InnerRequest;
    let answer = started.get(key);
    if (answer === undefined) {
      answer = Promise.all(request.dependsOn.map((d) => run(d.toLowerCase()))).then((before) =>
        before.every(succeeded) ? send(rawOf(request, req)) : failedDependency(request, req),
      );
      started.set(key, answer);
    }
    return answer;
  };
  const responses: ({ id: string } & InnerAnswer)[] = [];
  // Answered in the order they finish: a client must match answers by id, as with Graph.
  await Promise.all(
    [...byId.entries()].map(async ([key, request]) => {
      responses.push({ id: request.id, ...(await run(key)) });
    }),
  );
  return ok({ responses });
}
