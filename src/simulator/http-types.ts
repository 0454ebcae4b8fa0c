import type { IncomingMessage } from 'node:http';
import type { CallerIdentity } from './control-types';
import type { GraphVersion } from './graph-schemas';

/** A Graph request after parsing: what every route handler receives. */
export interface GraphRequest {
  /** Upper-case HTTP method. */
  method: string;
  version: GraphVersion;
  /** The version segment exactly as sent (for `@odata.nextLink`). */
  versionSegment: string;
  /** Path below the version as sent (percent-decoded), e.g. `/deviceAppManagement/mobileApps`. */
  path: string;
  /** Decoded path segments below the version. */
  segments: string[];
  query: URLSearchParams;
  /** Request headers with lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or `undefined` when there was none. */
  body: unknown;
  /** The simulator's own origin, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  requestId: string;
  clientRequestId: string;
  /** Who sent it (the application, or a user through a delegated token). */
  caller: CallerIdentity;
}

/** What a handler answers; the dispatcher adds the correlation headers. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body; omitted for `204`. */
  body?: unknown;
}

export function ok(body: unknown, status = 200): SimResponse {
  return { status, body };
}

export function noContent(): SimResponse {
  return { status: 204 };
}

/** `@odata.context` in Graph's form, on the simulator's origin. */
export function odataContext(req: GraphRequest, fragment: string): string {
  return `${req.baseUrl}/${req.versionSegment}/$metadata#${fragment}`;
}

/** A shallow plain-object check for JSON values. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A request's body, up to `maxBytes`: past the limit the rest is drained and dropped, so the
 * answer can be a clean 413 (`tooLarge`).
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > maxBytes }));
    req.on('error', reject);
  });
}
