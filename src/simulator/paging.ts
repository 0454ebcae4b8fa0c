import { badRequest } from './errors';
import { type GraphRequest, odataContext } from './http-types';
import type { QueryOptions } from './odata';

/**
 * Collection pages: `$select` projection and paging with an opaque `$skiptoken` (an offset here;
 * clients must treat it as opaque and follow `@odata.nextLink` verbatim).
 */

export function encodeSkiptoken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeSkiptoken(token: string | undefined): number {
  if (token === undefined) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m?.[1]) throw badRequest(`The $skiptoken '${token}' is not valid.`);
  return Number(m[1]);
}

/** Keeps the selected properties, plus `id` and `@odata.type` (Graph always returns both). */
export function selectFields<T extends Record<string, unknown>>(obj: T, select?: string[]): T {
  if (!select) return obj;
  const out: Record<string, unknown> = {};
  for (const key of ['@odata.type', 'id', ...select]) if (key in obj) out[key] = obj[key];
  return out as T;
}

/**
 * One page of a collection answer: `@odata.context`, `@odata.count` when asked, `value`, and an
 * absolute `@odata.nextLink` on the simulator that keeps every other query option.
 */
export function collectionPage(
  req: GraphRequest,
  items: readonly Record<string, unknown>[],
  opts: QueryOptions,
  contextFragment: string,
  render: (item: Record<string, unknown>) => Record<string, unknown> = (item) => item,
): Record<string, unknown> {
  const page = items.slice(opts.offset, opts.offset + opts.top).map(render);
  const fragment = opts.select ? `${contextFragment}(${opts.select.join(',')})` : contextFragment;
  const body: Record<string, unknown> = { '@odata.context': odataContext(req, fragment) };
  if (opts.count) body['@odata.count'] = items.length;
  body.value = page;
  const next = opts.offset + opts.top;
  if (next < items.length) {
    const pairs = [...req.query].filter(([k]) => k !== '$skiptoken');
    pairs.push(['$skiptoken', encodeSkiptoken(next)]);
    // Option names keep their `$` as in Graph's own nextLinks; values are percent-encoded.
    const query = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    body['@odata.nextLink'] = `${req.baseUrl}/${req.versionSegment}${req.path}?${query}`;
  }
  return body;
}
