import { randomUUID } from 'node:crypto';
import { answerBatch, type InnerAnswer } from './batch';
import { authenticate, type Caller } from './caller';
import { handleControl } from './control';
import { badRequest, errorEnvelope, toGraphError } from './errors';
import type { GraphVersion } from './graph-schemas';
import type { GraphRequest, SimResponse } from './http-types';
import { resolve, type Route } from './router';
import { approvalRoutes } from './routes/approvals';
import { appRoutes } from './routes/apps';
import { assignmentFilterRoutes } from './routes/assignment-filters';
import { configPolicyRoutes } from './routes/config-policies';
import { directoryRoutes } from './routes/directory';
import { managedAppConfigRoutes } from './routes/managed-app-configs';
import { roleScopeTagRoutes } from './routes/role-scope-tags';
import { authorize } from './rbac/authorize';
import {
  belowVersion,
  bodyForLog,
  lowerHeaders,
  parseBody,
  type RawRequest,
  redacted,
  segmentsOf,
} from './request-parsing';
import type { SimulatorState } from './state';
import { countRequest } from './throttling';

export { MAX_BODY_BYTES, type RawRequest } from './request-parsing';

/**
 * One request through the simulated tenant, independent of the HTTP server: correlation ids,
 * control API, request log, authentication (the caller's identity), Intune's throttling limits,
 * faults, Intune's access control, body parsing, routing, write recording and Graph's error
 * envelope.
 */

const ROUTES: Route[] = [
  ...appRoutes,
  ...configPolicyRoutes,
  ...managedAppConfigRoutes,
  ...directoryRoutes,
  ...assignmentFilterRoutes,
  ...approvalRoutes,
  ...roleScopeTagRoutes,
];

const VERSIONS: Record<string, GraphVersion> = { 'v1.0': 'v1.0', beta: 'beta' };

const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface FinalResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export interface RequestLogger {
  info(obj: object, msg?: string): void;
}

/** What one exchange needs beyond the request: the tenant, and where the request came from. */
interface Exchange {
  state: SimulatorState;
  baseUrl: string;
  logger?: RequestLogger;
  /** Graph's request id of the `$batch` this request came in, for a request inside one. */
  batch?: string;
}

interface Context extends Exchange {
  requestId: string;
  clientRequestId: string;
  caller: Caller;
}

const isBatch = (segments: string[]) =>
  segments.length === 1 && segments[0]?.toLowerCase() === '$batch';

async function graph(
  raw: RawRequest,
  segments: string[],
  headers: Record<string, string>,
  context: Context,
): Promise<SimResponse> {
  const { state } = context;
  const versionSegment = segments[0] ?? '';
  const version = VERSIONS[versionSegment.toLowerCase()];
  if (!version) throw badRequest(`Invalid version: '${versionSegment}'. Use v1.0 or beta.`);
  const below = belowVersion(segments);
  const path = `/${below.join('/')}`;
  countRequest(state, { method: raw.method, path, headers });
  const fault = state.faults.take(raw.method, path);
  // Unref'd: a request held by a latency fault never keeps a closing process alive.
  if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs).unref());
  if (fault.error) throw fault.error;
  const req: GraphRequest = {
    method: raw.method,
    version,
    versionSegment,
    path,
    segments: below,
    query: new URL(`http://simulator${raw.url}`).searchParams,
    headers,
    body: parseBody(raw, headers),
    baseUrl: context.baseUrl,
    requestId: context.requestId,
    clientRequestId: context.clientRequestId,
    caller: context.caller.identity,
  };
  if (isBatch(below)) {
    if (context.batch !== undefined) throw badRequest('A batch cannot contain another batch.');
    // Each request inside goes through this same path, as Graph counts and checks each one.
    return answerBatch(req, (inner) => inBatch(inner, { ...context, batch: context.requestId }));
  }
  authorize(req, context.caller, state);
  const { handler, params } = resolve(ROUTES, req);
  return handler(req, params, state);
}

/** A request of a batch, answered as it would be on its own (the body left as JSON). */
async function inBatch(raw: RawRequest, exchange: Exchange): Promise<InnerAnswer> {
  const { status, headers, body } = await answer(raw, exchange);
  if (body === undefined || status === 204) return { status, headers };
  return { status, headers: { ...headers, 'Content-Type': 'application/json' }, body };
}

/** One request through the simulated tenant; never throws. */
async function answer(
  raw: RawRequest,
  exchange: Exchange,
): Promise<SimResponse & { headers: Record<string, string> }> {
  const { state, logger } = exchange;
  const started = Date.now();
  const requestId = randomUUID();
  const headers = lowerHeaders(raw.headers);
  const clientRequestId = headers['client-request-id'] ?? requestId;
  const correlation = { requestId, clientRequestId };
  let res: SimResponse;
  let segments: string[] = [];
  let caller: Caller | undefined;
  try {
    segments = segmentsOf(raw.url);
    if (segments[0] === '_sim') {
      res = await handleControl(raw.method, segments.slice(1), raw.body, state);
    } else {
      let refused: unknown;
      try {
        caller = authenticate(headers, state);
      } catch (error) {
        refused = error;
      }
      state.recordRequest({
        method: raw.method,
        url: raw.url,
        headers: redacted(headers),
        ...(exchange.batch === undefined ? {} : { batch: exchange.batch }),
        ...(caller ? { identity: caller.identity } : {}),
      });
      if (!caller) throw refused;
      res = await graph(raw, segments, headers, { ...exchange, ...correlation, caller });
    }
  } catch (error) {
    const graphError = toGraphError(error);
    res = {
      status: graphError.status,
      headers: graphError.headers,
      body: errorEnvelope(graphError, correlation),
    };
  }
  const path = `/${belowVersion(segments).join('/')}`;
  if (segments[0] !== '_sim' && raw.method === 'POST' && /\/assign$/i.test(path)) {
    state.recordWrite({
      at: new Date(started).toISOString(),
      method: raw.method,
      version: VERSIONS[(segments[0] ?? '').toLowerCase()] ?? segments[0] ?? '',
      path,
      headers: redacted(headers),
      body: bodyForLog(raw),
      status: res.status,
      requestId,
      ...(caller ? { identity: caller.identity } : {}),
    });
  }
  logger?.info(
    {
      method: raw.method,
      url: raw.url,
      status: res.status,
      requestId,
      clientRequestId,
      batch: exchange.batch,
      ms: Date.now() - started,
    },
    'simulator request',
  );
  return {
    status: res.status,
    headers: { 'request-id': requestId, 'client-request-id': clientRequestId, ...res.headers },
    body: res.body,
  };
}

/** Answers one request; never throws. */
export async function dispatch(
  raw: RawRequest,
  state: SimulatorState,
  baseUrl: string,
  logger?: RequestLogger,
): Promise<FinalResponse> {
  const res = await answer(raw, { state, baseUrl, logger });
  const out: FinalResponse = { status: res.status, headers: res.headers };
  if (res.body !== undefined && res.status !== 204) {
    out.headers['Content-Type'] = JSON_CONTENT_TYPE;
    out.body = JSON.stringify(res.body);
  }
  return out;
}
