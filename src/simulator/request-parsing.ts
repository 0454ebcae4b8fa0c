import { badRequest, GraphError } from './errors';

/**
 * Reading a raw HTTP request the way Graph does: headers, path segments and the JSON body (with
 * Graph's size limit and its message for anything that is not JSON).
 */

/** Graph's documented request size limit. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const BAD_JSON =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

export interface RawRequest {
  method: string;
  /** Path and query as received, starting with `/`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The body exceeded `MAX_BODY_BYTES` and was not kept. */
  tooLarge: boolean;
}

export function lowerHeaders(raw: RawRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Headers as recorded: the bearer token is never kept. */
export function redacted(headers: Record<string, string>): Record<string, string> {
  return headers.authorization === undefined
    ? { ...headers }
    : { ...headers, authorization: headers.authorization.replace(/^(\S+\s+).+$/, '$1[REDACTED]') };
}

export function segmentsOf(url: string): string[] {
  const pathname = new URL(`http://simulator${url}`).pathname;
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    throw badRequest(`The request path '${pathname}' is not correctly encoded.`);
  }
}

/** Segments below the version; a trailing slash is ignored, as Graph does. */
export function belowVersion(segments: string[]): string[] {
  const below = segments.slice(1);
  if (below.length > 0 && below[below.length - 1] === '') below.pop();
  return below;
}

export function parseBody(raw: RawRequest, headers: Record<string, string>): unknown {
  if (raw.tooLarge) {
    throw new GraphError(
      413,
      'RequestEntityTooLarge',
      `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
    );
  }
  if (raw.body.length === 0 || !['POST', 'PATCH', 'PUT'].includes(raw.method)) return undefined;
  if (!/^application\/json\b/i.test(headers['content-type'] ?? '')) throw badRequest(BAD_JSON);
  try {
    return JSON.parse(raw.body.toString('utf8')) as unknown;
  } catch {
    throw badRequest(BAD_JSON);
  }
}

export function bodyForLog(raw: RawRequest): unknown {
  const text = raw.body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
