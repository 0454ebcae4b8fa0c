import { badRequest, GraphError, segmentNotFound } from './errors';
import type { GraphRequest, SimResponse } from './http-types';
import type { SimulatorState } from './state';

/**
 * Route matching for the Graph surface. Literal segments match case-insensitively, as Graph's
 * do; `{name}` captures a key segment. Beta-only routes answer on v1.0 as the unknown segment
 * they are there.
 */

export type Handler = (
  req: GraphRequest,
  params: string[],
  state: SimulatorState,
) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  /** The segment v1.0 does not have, for routes that exist only on beta. */
  betaOnlySegment?: string;
}

export function route(
  method: string,
  pattern: string,
  handler: Handler,
  options: { betaOnlySegment?: string } = {},
): Route {
  const segments = pattern.split('/').filter((s) => s !== '');
  return { method, segments, handler, betaOnlySegment: options.betaOnlySegment };
}

function matchSegments(route: Route, segments: string[]): string[] | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const pattern = route.segments[i] as string;
    const actual = segments[i] as string;
    if (pattern.startsWith('{')) {
      if (actual === '') return undefined;
      params.push(actual);
    } else if (pattern.toLowerCase() !== actual.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

/** How many leading segments some route accepts: the next one is what Graph names as unknown. */
function matchedPrefix(routes: Route[], segments: string[]): number {
  let best = 0;
  for (const route of routes) {
    let n = 0;
    while (n < segments.length && n < route.segments.length) {
      const pattern = route.segments[n] as string;
      const actual = segments[n] as string;
      if (!pattern.startsWith('{') && pattern.toLowerCase() !== actual.toLowerCase()) break;
      n++;
    }
    best = Math.max(best, n);
  }
  return best;
}

/** Finds the handler for a request, or throws Graph's answer for an unknown path or method. */
export function resolve(
  routes: Route[],
  req: GraphRequest,
): { handler: Handler; params: string[] } {
  if (req.segments.length === 0) {
    throw badRequest('No resource was named below the version segment.');
  }
  const available = routes.filter((r) => req.version === 'beta' || !r.betaOnlySegment);
  let pathMatched = false;
  for (const r of available) {
    const params = matchSegments(r, req.segments);
    if (!params) continue;
    if (r.method === req.method) return { handler: r.handler, params };
    pathMatched = true;
  }
  if (pathMatched) {
    throw new GraphError(
      405,
      'BadRequest',
      `The HTTP method '${req.method}' is not allowed on this resource.`,
    );
  }
  const betaOnly = routes.find((r) => r.betaOnlySegment && matchSegments(r, req.segments));
  if (betaOnly?.betaOnlySegment) throw segmentNotFound(betaOnly.betaOnlySegment);
  const prefix = matchedPrefix(available, req.segments);
  throw segmentNotFound(req.segments[prefix] ?? req.segments[req.segments.length - 1] ?? '');
}
