import type { AssignmentRequest, RequestStatus } from '../domain/request';
import type { ListOrder, RequestQuery } from '../services/ports/request-store';
import { idKey, tenantKey } from './compare-keys';
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
  /** The requester as {@link idKey} compares them. */
  requesterKey: string;
  /** The tenant as {@link tenantKey} compares it. */
  tenantKey: string;
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
    requesterKey: idKey(request.requester.id),
    tenantKey: tenantKey(request.tenantId),
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

/** A query with its person and tenant in the form stored requests keep them, made once a list. */
interface Filter extends RequestQuery {
  notRequesterKey?: string;
  tenantKey?: string;
}

const filterOf = (query: RequestQuery): Filter => ({
  ...query,
  notRequesterKey: query.notRequesterId === undefined ? undefined : idKey(query.notRequesterId),
  tenantKey: query.tenantId === undefined ? undefined : tenantKey(query.tenantId),
});

function matches(entry: StoredRequest, filter: Filter): boolean {
  const { statuses, excludeStatuses, requesterId, notRequesterKey, tenantKey: tenant } = filter;
  if (statuses && !statuses.includes(entry.status)) return false;
  if (excludeStatuses?.includes(entry.status)) return false;
  if (requesterId !== undefined && entry.requesterId !== requesterId) return false;
  if (notRequesterKey !== undefined && entry.requesterKey === notRequesterKey) return false;
  if (tenant !== undefined && entry.tenantKey !== '' && entry.tenantKey !== tenant) return false;
  return isInWindow(entry.expiresAt, filter) && isPastCursor(entry, filter);
}

/** Requests by id, one map per status or requester. */
type Buckets<K> = Map<K, Map<string, StoredRequest>>;

function addTo<K>(buckets: Buckets<K>, key: K, entry: StoredRequest): void {
  const bucket = buckets.get(key) ?? new Map<string, StoredRequest>();
  bucket.set(entry.id, entry);
  buckets.set(key, bucket);
}

function removeFrom<K>(buckets: Buckets<K>, key: K, id: string): void {
  const bucket = buckets.get(key);
  bucket?.delete(id);
  if (bucket?.size === 0) buckets.delete(key);
}

/**
 * The memory store's requests and the indexes its reads use, kept up to date on every write: ids
 * by number (so a number's owner is a lookup, not a scan), requests by status and by requester. A
 * listing walks only the smaller of its status and requester buckets and keeps the first `limit`
 * in order (see {@link firstInOrder}) rather than sorting what matched.
 */
export class RequestIndex {
  private readonly entries = new Map<string, StoredRequest>();
  private readonly idByNumber = new Map<number, string>();
  private readonly byStatus: Buckets<RequestStatus> = new Map();
  private readonly byRequester: Buckets<string> = new Map();

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
    addTo(this.byStatus, entry.status, entry);
    addTo(this.byRequester, entry.requesterId, entry);
  }

  /** The requests `query` asks for, in its order, at most its limit. */
  select(query: RequestQuery): StoredRequest[] {
    const filter = filterOf(query);
    const found: StoredRequest[] = [];
    for (const bucket of this.bucketsFor(query)) {
      for (const entry of bucket.values()) if (matches(entry, filter)) found.push(entry);
    }
    return firstInOrder(found, compareIn(query.order), query.limit);
  }

  /** The fewest requests that hold every match: status buckets, a requester's, or all. */
  private bucketsFor(query: RequestQuery): Map<string, StoredRequest>[] {
    const none = new Map<string, StoredRequest>();
    const byStatus = query.statuses?.map((status) => this.byStatus.get(status) ?? none);
    const statusCount = byStatus?.reduce((sum, bucket) => sum + bucket.size, 0) ?? Infinity;
    const { requesterId } = query;
    const byRequester = requesterId === undefined ? undefined : this.byRequester.get(requesterId);
    const requesterCount = requesterId === undefined ? Infinity : (byRequester?.size ?? 0);
    if (statusCount === Infinity && requesterCount === Infinity) return [this.entries];
    return statusCount <= requesterCount ? (byStatus ?? []) : [byRequester ?? none];
  }
}
