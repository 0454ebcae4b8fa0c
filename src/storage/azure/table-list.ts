import { odata, type TableClient } from '@azure/data-tables';
import type { AssignmentRequest } from '../../domain/request';
import type { RequestQuery } from '../../services/ports/request-store';
import { idKey, tenantKey } from '../compare-keys';
import { firstInOrder } from '../first-in-order';
import { rangeFilter, readRows, type KeyRange } from './table-access';
import { parseJson } from './table-entities';
import {
  afterPrefix,
  ALL_SCOPE,
  FIRST_DRAFT,
  indexPrefix,
  orderKey,
  REQUESTS,
  requesterScope,
  statusScope,
  type Direction,
} from './table-keys';

/** `(a or b or ...)` of `odata`-escaped terms. */
const anyOf = (terms: string[]): string => `(${terms.join(' or ')})`;

/**
 * The conditions a listing puts on the index rows' properties, checked by the service as it walks
 * the key range: what the index itself does not select. Statuses are a condition only when the
 * index is the requester's; otherwise each status is an index of its own.
 */
function propertyTerms(query: RequestQuery, statusesInIndex: boolean): string[] {
  const terms: string[] = [];
  if (query.statuses && !statusesInIndex) {
    terms.push(anyOf(query.statuses.map((status) => odata`status eq ${status}`)));
  }
  for (const status of query.excludeStatuses ?? []) terms.push(odata`status ne ${status}`);
  if (query.notRequesterId !== undefined) {
    terms.push(odata`requesterKey ne ${idKey(query.notRequesterId)}`);
  }
  if (query.tenantId !== undefined) {
    const tenant = tenantKey(query.tenantId);
    terms.push(anyOf([odata`tenantKey eq ''`, odata`tenantKey eq ${tenant}`]));
  }
  if (query.expiresBefore !== undefined) {
    terms.push(odata`expiresAt ne ''`, odata`expiresAt le ${query.expiresBefore}`);
  }
  if (query.expiresAfter !== undefined) terms.push(odata`expiresAt gt ${query.expiresAfter}`);
  return terms;
}

/**
 * The indexes a listing reads: the requester's when it names one (a person's requests are few),
 * else one per status asked for, else the index of every request.
 */
function scopesOf(query: RequestQuery): { scopes: string[]; statusesInIndex: boolean } {
  if (query.requesterId !== undefined) {
    return { scopes: [requesterScope(query.requesterId)], statusesInIndex: false };
  }
  if (query.statuses) {
    return { scopes: [...new Set(query.statuses)].map(statusScope), statusesInIndex: true };
  }
  return { scopes: [ALL_SCOPE], statusesInIndex: false };
}

/** The key range of one index in one direction, past `afterNumber` (numbered only) if given. */
function rangeOf(scope: string, direction: Direction, afterNumber?: number): KeyRange {
  const prefix = indexPrefix(scope, direction);
  if (afterNumber === undefined) {
    return { partitionKey: REQUESTS, from: prefix, to: afterPrefix(prefix) };
  }
  const cursor = orderKey({ number: afterNumber, createdAt: '', id: '' }, direction);
  return {
    partitionKey: REQUESTS,
    from: prefix + cursor,
    fromExclusive: true,
    to: prefix + FIRST_DRAFT,
  };
}

/**
 * A listing on the index rows (see `table-entities`): each index read is one key range walked in
 * the listing's order, filtered by the service and stopped at the limit; several statuses are
 * several such reads, merged by their order keys. Each row carries its request's JSON, so nothing
 * is read twice.
 */
export async function listRequests(
  table: TableClient,
  query: RequestQuery,
): Promise<AssignmentRequest[]> {
  if (query.statuses?.length === 0) return [];
  const direction: Direction = query.order === 'newest' ? 'd' : 'a';
  const { scopes, statusesInIndex } = scopesOf(query);
  const terms = propertyTerms(query, statusesInIndex);
  const reads = scopes.map(async (scope) => {
    const range = rangeOf(scope, direction, query.afterNumber);
    const rows = await readRows(table, rangeFilter(range, terms), { limit: query.limit });
    const start = indexPrefix(scope, direction).length;
    return rows.map((row) => ({ order: (row.rowKey ?? '').slice(start), row }));
  });
  const found = (await Promise.all(reads)).flat();
  const inOrder = firstInOrder(found, (a, b) => (a.order < b.order ? -1 : 1), query.limit);
  return inOrder.map(({ row }) => parseJson<AssignmentRequest>(row));
}
