import { AppError } from '../domain/errors';
import type { AssignmentRequest } from '../domain/request';
import type {
  AuditPage,
  AuditRecord,
  CardCopy,
  RequestQuery,
  RequestStore,
  SaveResult,
  WriteFence,
} from '../services/ports/request-store';
import { MemoryAuditLog } from './memory-audit-log';
import { RequestIndex, storedRequest, type StoredRequest } from './memory-request-index';

/** The first number handed out, so that the first request is `REQ-1001`. */
export const FIRST_REQUEST_NUMBER = 1001;

/**
 * Copies through JSON, as a persistent backend would: callers never share an object with the
 * store, and what survives a round trip here is exactly what survives one in SQLite.
 */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const parse = (stored: StoredRequest): AssignmentRequest =>
  JSON.parse(stored.json) as AssignmentRequest;

/**
 * The in-memory `RequestStore`: the default for unit tests and local runs without a file. Every
 * check-and-write happens without an `await` in between, so on one event loop a compare-and-set
 * is atomic exactly as a database transaction is. Requests are kept as JSON text with indexes by
 * number, status and requester (see {@link RequestIndex}), so no read or write scans them all.
 * Nothing survives the process.
 */
export class MemoryRequestStore implements RequestStore {
  private readonly requests = new RequestIndex();
  private readonly audit = new MemoryAuditLog();
  private readonly copies = new Map<string, Map<string, CardCopy>>();
  private readonly settings = new Map<string, unknown>();
  private readonly fences = new Map<string, WriteFence>();
  private lastNumber = FIRST_REQUEST_NUMBER - 1;

  async create(request: AssignmentRequest, audit?: AuditRecord): Promise<void> {
    if (request.revision !== 1) {
      throw new AppError(
        'invalid-request',
        `A new request has revision 1, not ${request.revision}.`,
      );
    }
    if (this.requests.get(request.id)) {
      throw new AppError('conflict', `Request ${request.id} already exists.`);
    }
    this.assertNumberFree(request);
    this.requests.put(storedRequest(request));
    if (audit) this.audit.append(audit);
  }

  async get(id: string): Promise<AssignmentRequest | undefined> {
    const stored = this.requests.get(id);
    return stored && parse(stored);
  }

  async getByNumber(number: number): Promise<AssignmentRequest | undefined> {
    const id = this.requests.idOfNumber(number);
    return id === undefined ? undefined : this.get(id);
  }

  async save(next: AssignmentRequest, audit?: AuditRecord): Promise<SaveResult> {
    const current = this.requests.get(next.id);
    if (!current || current.revision !== next.revision - 1) {
      return { ok: false, current: current && parse(current) };
    }
    this.assertNumberFree(next);
    const stored = storedRequest(next);
    this.requests.put(stored);
    if (audit) this.audit.append(audit);
    return { ok: true, request: parse(stored) };
  }

  async auditSince(since: string, page?: AuditPage): Promise<AuditRecord[]> {
    return this.audit.since(since, page);
  }

  async list(query: RequestQuery): Promise<AssignmentRequest[]> {
    return this.requests.select(query).map(parse);
  }

  async nextNumber(): Promise<number> {
    this.lastNumber += 1;
    return this.lastNumber;
  }

  async putCardCopy(requestId: string, cardCopy: CardCopy): Promise<void> {
    const forRequest = this.copies.get(requestId) ?? new Map<string, CardCopy>();
    forRequest.set(cardCopy.key, copy(cardCopy));
    this.copies.set(requestId, forRequest);
  }

  async cardCopies(requestId: string): Promise<CardCopy[]> {
    const forRequest = this.copies.get(requestId);
    if (!forRequest) return [];
    return [...forRequest.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).map(copy);
  }

  async getSetting(key: string): Promise<unknown> {
    return this.settings.has(key) ? copy(this.settings.get(key)) : undefined;
  }

  /** Stores a JSON value; `undefined` removes the setting. */
  async putSetting(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.settings.delete(key);
    else this.settings.set(key, copy(value));
  }

  async addSetting(key: string, value: unknown): Promise<boolean> {
    if (this.settings.has(key)) return false;
    this.settings.set(key, copy(value));
    return true;
  }

  async settingsWithPrefix(prefix: string): Promise<{ key: string; value: unknown }[]> {
    return [...this.settings.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => ({ key, value: copy(value) }));
  }

  async getFence(item: string): Promise<WriteFence | undefined> {
    const fence = this.fences.get(item);
    return fence && copy(fence);
  }

  async putFence(fence: WriteFence): Promise<void> {
    this.fences.set(fence.item, copy(fence));
  }

  async clearFence(item: string, requestId: string): Promise<void> {
    if (this.fences.get(item)?.requestId === requestId) this.fences.delete(item);
  }

  async close(): Promise<void> {
    // Nothing to release; the data goes with the object.
  }

  /** The number is unique among requests, as SQLite's unique index makes it. */
  private assertNumberFree(request: AssignmentRequest): void {
    if (request.number === undefined) return;
    const owner = this.requests.idOfNumber(request.number);
    if (owner !== undefined && owner !== request.id) {
      throw new AppError('conflict', `Number ${request.number} already belongs to ${owner}.`);
    }
  }
}
