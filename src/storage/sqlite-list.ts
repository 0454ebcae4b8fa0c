import type { RequestQuery } from '../services/ports/request-store';
import { idKey, tenantKey } from './compare-keys';

/** One `SELECT` of a listing and its named parameters. */
export interface ListStatement {
  sql: string;
  params: Record<string, string | number>;
}

/** `column IN (@p0, @p1, ...)` with one parameter per value, so the planner sees each value. */
function inList(column: string, prefix: string, values: readonly string[], not: boolean) {
  const params: Record<string, string> = {};
  values.forEach((value, i) => (params[`${prefix}${i}`] = value));
  const names = Object.keys(params).map((name) => `@${name}`);
  return { term: `${column} ${not ? 'NOT IN' : 'IN'} (${names.join(', ')})`, params };
}

/** The `WHERE` terms of a query's filters, each a plain comparison an index can serve. */
function filterTerms(query: RequestQuery): { terms: string[]; params: ListStatement['params'] } {
  const terms: string[] = [];
  const params: ListStatement['params'] = {};
  const add = (term: string, values: ListStatement['params'] = {}) => {
    terms.push(term);
    Object.assign(params, values);
  };
  if (query.statuses) {
    const statuses = inList('status', 's', query.statuses, false);
    add(statuses.term, statuses.params);
  }
  if (query.excludeStatuses?.length) {
    const excluded = inList('status', 'x', query.excludeStatuses, true);
    add(excluded.term, excluded.params);
  }
  if (query.requesterId !== undefined) {
    add('requester_id = @requester_id', { requester_id: query.requesterId });
  }
  if (query.notRequesterId !== undefined) {
    // lower() as `sameId`: Entra ids are GUIDs, ASCII, which is all SQLite's lower() folds.
    add('lower(requester_id) <> @not_requester_id', {
      not_requester_id: idKey(query.notRequesterId),
    });
  }
  if (query.tenantId !== undefined) {
    add(`(tenant_id = '' OR tenant_id = @tenant_id)`, { tenant_id: tenantKey(query.tenantId) });
  }
  if (query.expiresBefore !== undefined) {
    add('expires_at <= @expires_before', { expires_before: query.expiresBefore });
  }
  if (query.expiresAfter !== undefined) {
    add('expires_at > @expires_after', { expires_after: query.expiresAfter });
  }
  return { terms, params };
}

/**
 * The numbered part of a listing: `ORDER BY number` alone, so that with `status = ?` or
 * `requester_id = ?` SQLite walks the `(status, number, ...)` or `(requester_id, number)` index in
 * order and stops at the limit, sorting nothing. Several statuses at once are sorted (no service
 * asks for that).
 */
export function numberedStatement(query: RequestQuery): ListStatement {
  const { terms, params } = filterTerms(query);
  const newest = query.order === 'newest';
  if (query.afterNumber === undefined) terms.push('number IS NOT NULL');
  else {
    terms.push(`number ${newest ? '<' : '>'} @after_number`);
    params.after_number = query.afterNumber;
  }
  const sql = `SELECT json FROM requests WHERE ${terms.join(' AND ')}
    ORDER BY number${newest ? ' DESC' : ''} LIMIT @limit`;
  return { sql, params: { ...params, limit: query.limit ?? -1 } };
}

/**
 * The drafts of a listing, which have no number and come after the numbered requests, by creation
 * time then id; none when the listing pages past a number. Asked for only when the numbered part
 * did not fill the limit: `limit` is what is left of it.
 */
export function draftStatement(query: RequestQuery, limit: number): ListStatement | undefined {
  if (query.afterNumber !== undefined) return undefined;
  const { terms, params } = filterTerms(query);
  const direction = query.order === 'newest' ? ' DESC' : '';
  const sql = `SELECT json FROM requests WHERE ${[...terms, 'number IS NULL'].join(' AND ')}
    ORDER BY created_at${direction}, id${direction} LIMIT @limit`;
  return { sql, params: { ...params, limit } };
}
