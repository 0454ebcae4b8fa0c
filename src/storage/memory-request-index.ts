import { sameId, sameTenant } from '../domain/approval-policy';
import type { AssignmentRequest, RequestStatus } from '../domain/request';
import type { ListOrder, RequestQuery } from '../services/ports/request-store';
import { firstInOrder } from './first-in-order';

/**
 * A request as the memory store keeps it: the fields listings filter and sort on, and the request
 * itself as JSON text. Every read parses a fresh copy anyway, and text is a fraction of the size of
 * the object graph it describes.
 */
export interface StoredRequest {
  id: string;
  number?: number;
  revision: number;
  status: RequestStatus;
  requesterId: string;
  tenantId: string;
  expiresAt?: string;
  createdAt: string;
  json: string;
}

export function storedRequest(request: AssignmentRequest): StoredRequest {
  return {
    id: request.id,
    number: request.number,
    revision: request.revision,
    status: request.status,
    requesterId: request.requester.id,
    tenantId: request.tenantId,
    expiresAt: request.expiresAt,
    createdAt: request.createdAt,
    json: JSON.stringify(request),
  };
}

/** Numbered requests by number, then drafts by creation time and id; `newest` reverses both. */
function compareIn(order: ListOrder | undefined) {
  const direction = order === 'newest' ? -1 : 1;
  return (a: StoredRequest, b: StoredRequest): number => {
    if (a.number !== undefined && b.number !== undefined) return direction * (a.number - b.number);
    if (a.number !== undefined) return -1;
    if (b.number !== undefined) return 1;
    if (a.createdAt !== b.createdAt) return direction * (a.createdAt < b.createdAt ? -1 : 1);
    return direction * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

function isInWindow(expiresAt: string | undefined, query: RequestQuery): boolean {
  const { expiresBefore: before, expiresAfter: after } = query;
  if (before === undefined && after === undefined) return true;
  if (expiresAt === undefined) return false;
  return (
    (before === undefined || expiresAt <= before) && (after === undefined || expiresAt > after)
  );
}

function isPastCursor(entry: StoredRequest, query: RequestQuery): boolean {
  if (query.afterNumber === undefined) return true;
  if (entry.number === undefined) return false;
  return query.order === 'newest'
    ? entry.number < query.afterNumber
    : entry.number > query.afterNumber;
}

function matches(entry: StoredRequest, query: RequestQuery): boolean {
  const { statuses, excludeStatuses, requesterId, notRequesterId, tenantId } = query;
  if (statuses && !statuses.includes(entry.status)) return false;
  if (excludeStatuses?.includes(entry.status)) return false;
  if (requesterId !== undefined && entry.requesterId !== requesterId) return false;
  if (notRequesterId !== undefined && sameId(entry.requesterId, notRequesterId)) return false;
  if (tenantId !== undefined && !sameTenant(tenantId, entry.tenantId)) return false;
  return isInWindow(entry.expiresAt, query) && isPastCursor(entry, query);
}

function addTo<K>(buckets: Map<K, Set<string>>, key: K, id: string): void {
  const bucket = buckets.get(key) ?? new Set<string>();
  bucket.add(id);
  buckets.set(key, bucket);
}

function removeFrom<K>(buckets: Map<K, Set<string>>, key: K, id: string): void {
  const bucket = buckets.get(key);
  bucket?.delete(id);
  if (bucket?.size === 0) buckets.delete(key);
}

/**
 * The memory store's requests and the indexes its reads use, kept up to date on every write: ids
 * by number (so a number's owner is a lookup, not a scan), by status and by requester. A listing
 * walks only the smaller of its status and requester buckets and keeps the first `limit` in
 * order as it goes.
 */
export class RequestIndex {
  private readonly entries = new Map<string, StoredRequest>();
  private readonly idByNumber = new Map<number, string>();
  private readonly byStatus = new Map<RequestStatus, Set<string>>();
  private readonly byRequester = new Map<string, Set<string>>();

  get(id: string): StoredRequest | undefined {
    return this.entries.get(id);
  }

  /** The id of the request holding `number`, if any. */
  idOfNumber(number: number): string | undefined {
    return this.idByNumber.get(number);
  }

  /** Stores `entry`, replacing the one with its id and moving it between buckets. */
  put(entry: StoredRequest): void {
    const previous = this.entries.get(entry.id);
    if (previous) {
      if (previous.number !== undefined) this.idByNumber.delete(previous.number);
      removeFrom(this.byStatus, previous.status, previous.id);
      removeFrom(this.byRequester, previous.requesterId, previous.id);
    }
    this.entries.set(entry.id, entry);
    if (entry.number !== undefined) this.idByNumber.set(entry.number, entry.id);
    addTo(this.byStatus, entry.status, entry.id);
    addTo(this.byRequester, entry.requesterId, entry.id);
  }

  /** The requests `query` asks for, in its order, at most its limit. */
  select(query: RequestQuery): StoredRequest[] {
    return firstInOrder(this.matching(query), compareIn(query.order), query.limit);
  }

  /** The matches of `query` in the smallest bucket that holds them all (or among all requests). */
  private *matching(query: RequestQuery): Iterable<StoredRequest> {
    const byStatus = query.statuses?.map(
      (status) => this.byStatus.get(status) ?? new Set<string>(),
    );
    const statusCount = byStatus?.reduce((sum, ids) => sum + ids.size, 0) ?? Infinity;
    const { requesterId } = query;
    const byRequester = requesterId === undefined ? undefined : this.byRequester.get(requesterId);
    const requesterCount = requesterId === undefined ? Infinity : (byRequester?.size ?? 0);
    const buckets: Iterable<string>[] =
      statusCount === Infinity && requesterCount === Infinity
        ? [this.entries.keys()]
        : statusCount <= requesterCount
          ? (byStatus ?? [])
          : [byRequester ?? []];
    for (const ids of buckets) {
      for (const id of ids) {
        const entry = this.entries.get(id);
        if (entry && matches(entry, query)) yield entry;
      }
    }
  }
}
