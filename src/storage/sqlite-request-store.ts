import type Database from 'better-sqlite3';
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
import { FIRST_REQUEST_NUMBER } from './memory-request-store';
import { auditRecord, auditRow, parseRequest, requestRow } from './sqlite-rows';
import { asConflict, prepareStatements, type Statements } from './sqlite-statements';
import { SqliteLease, type SqliteLeaseOptions } from './sqlite-lease';
import { openRequestDatabase, openRequestDatabaseReadOnly } from './sqlite-schema';
import { draftStatement, numberedStatement, type ListStatement } from './sqlite-list';

export interface SqliteRequestStoreOptions {
  /** Where the database lives: a file path (its directory is created) or `:memory:`. */
  path: string;
  /**
   * Opens an existing file to read it beside the bot that holds it (the audit export): no
   * migration and no lease; any write throws.
   */
  readOnly?: boolean;
  /**
   * The claim of one bot process on the file (see {@link SqliteLease}): its timings, or `false`
   * for none, only for tests that race several writers on one file on purpose.
   */
  lease?: SqliteLeaseOptions | false;
}

/** The lease a store takes: none on a read-only or in-memory database, or when told not to. */
function claimLease(db: Database.Database, options: SqliteRequestStoreOptions) {
  const { path, readOnly, lease } = options;
  if (readOnly || lease === false || path === ':memory:' || path === '') return undefined;
  try {
    return SqliteLease.claim(db, path, lease);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The `RequestStore` on one SQLite file (better-sqlite3), for one bot instance: a second bot
 * process opening the file while the first runs is refused with `storage-in-use` (see
 * {@link SqliteLease}); several instances share Azure Storage instead. A transition is one
 * `IMMEDIATE` transaction: `UPDATE ... WHERE id = ? AND revision = ?` and, only if a row changed,
 * the audit insert. SQLite lets one writer in at a time across connections and processes, so even
 * writers racing on one file get exactly one winner per revision. Calls are synchronous under the
 * promise, which keeps the event loop's view consistent too.
 */
export class SqliteRequestStore implements RequestStore {
  private readonly db: Database.Database;
  private readonly lease: SqliteLease | undefined;
  private readonly sql: Statements;
  private readonly listStatements = new Map<
    string,
    Database.Statement<ListStatement['params'], { json: string }>
  >();
  private readonly insertTx: Database.Transaction<(r: AssignmentRequest, a?: AuditRecord) => void>;
  private readonly saveTx: Database.Transaction<
    (next: AssignmentRequest, audit?: AuditRecord) => SaveResult
  >;

  constructor(options: SqliteRequestStoreOptions) {
    this.db = options.readOnly
      ? openRequestDatabaseReadOnly(options.path)
      : openRequestDatabase(options.path);
    this.lease = claimLease(this.db, options);
    this.sql = prepareStatements(this.db);
    this.insertTx = this.db.transaction((request, audit) => {
      this.sql.insert.run(requestRow(request));
      if (audit) this.sql.audit.run(auditRow(audit));
    });
    this.saveTx = this.db.transaction((next, audit): SaveResult => {
      if (this.sql.update.run(requestRow(next)).changes === 0) {
        return { ok: false, current: parseRequest(this.sql.get.get(next.id)) };
      }
      if (audit) this.sql.audit.run(auditRow(audit));
      return { ok: true, request: JSON.parse(JSON.stringify(next)) as AssignmentRequest };
    });
  }

  async create(request: AssignmentRequest, audit?: AuditRecord): Promise<void> {
    if (request.revision !== 1) {
      throw new AppError(
        'invalid-request',
        `A new request has revision 1, not ${request.revision}.`,
      );
    }
    this.lease?.assertHeld();
    try {
      this.insertTx.immediate(request, audit);
    } catch (error) {
      throw asConflict(error, request);
    }
  }

  async get(id: string): Promise<AssignmentRequest | undefined> {
    return parseRequest(this.sql.get.get(id));
  }

  async getByNumber(number: number): Promise<AssignmentRequest | undefined> {
    return parseRequest(this.sql.byNumber.get(number));
  }

  async save(next: AssignmentRequest, audit?: AuditRecord): Promise<SaveResult> {
    this.lease?.assertHeld();
    try {
      return this.saveTx.immediate(next, audit);
    } catch (error) {
      throw asConflict(error, next);
    }
  }

  async auditSince(since: string, page: AuditPage = {}): Promise<AuditRecord[]> {
    const after = page.after !== undefined && page.after.at >= since ? page.after : undefined;
    const rows = this.sql.auditPage.all({
      from: after?.at ?? since,
      skip: after?.seen ?? 0,
      limit: page.limit ?? -1,
    });
    return rows.map(auditRecord);
  }

  /** Numbered requests first, then, if the limit is not reached, drafts (see `sqlite-list`). */
  async list(query: RequestQuery): Promise<AssignmentRequest[]> {
    const rows = this.all(numberedStatement(query));
    const left = query.limit === undefined ? -1 : query.limit - rows.length;
    const drafts = left === 0 ? undefined : draftStatement(query, left);
    if (drafts) rows.push(...this.all(drafts));
    return rows.map((row) => JSON.parse(row.json) as AssignmentRequest);
  }

  async nextNumber(): Promise<number> {
    this.lease?.assertHeld();
    const row = this.sql.nextNumber.get('request-number', FIRST_REQUEST_NUMBER);
    if (!row) throw new AppError('storage-failed', 'The request-number counter returned no row.');
    return row.value;
  }

  async putCardCopy(requestId: string, copy: CardCopy): Promise<void> {
    this.lease?.assertHeld();
    this.sql.putCopy.run(requestId, copy.key, JSON.stringify(copy));
  }

  async cardCopies(requestId: string): Promise<CardCopy[]> {
    return this.sql.copies.all(requestId).map((row) => JSON.parse(row.json) as CardCopy);
  }

  async getSetting(key: string): Promise<unknown> {
    const row = this.sql.getSetting.get(key);
    return row && (JSON.parse(row.json) as unknown);
  }

  /** Stores a JSON value; `undefined` removes the setting. */
  async putSetting(key: string, value: unknown): Promise<void> {
    this.lease?.assertHeld();
    if (value === undefined) this.sql.deleteSetting.run(key);
    else this.sql.putSetting.run(key, JSON.stringify(value));
  }

  async addSetting(key: string, value: unknown): Promise<boolean> {
    this.lease?.assertHeld();
    return this.sql.addSetting.run(key, JSON.stringify(value)).changes === 1;
  }

  async settingsWithPrefix(prefix: string): Promise<{ key: string; value: unknown }[]> {
    const end =
      prefix === ''
        ? '\u{10FFFF}'
        : `${prefix.slice(0, -1)}${String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1)}`;
    return this.sql.settingsFrom
      .all(prefix, end)
      .map((row) => ({ key: row.key, value: JSON.parse(row.json) as unknown }));
  }

  async getFence(item: string): Promise<WriteFence | undefined> {
    const row = this.sql.getFence.get(item);
    return row && (JSON.parse(row.json) as WriteFence);
  }

  /** Synchronous under the promise: the fence is on disk before the attempt it covers leaves. */
  async putFence(fence: WriteFence): Promise<void> {
    this.lease?.assertHeld();
    this.sql.putFence.run(fence.item, JSON.stringify(fence));
  }

  async clearFence(item: string, requestId: string): Promise<void> {
    this.lease?.assertHeld();
    this.sql.clearFence.run(item, requestId);
  }

  /** Runs a listing's statement, prepared once per shape of query. */
  private all(statement: ListStatement): { json: string }[] {
    let prepared = this.listStatements.get(statement.sql);
    if (!prepared) {
      prepared = this.db.prepare<ListStatement['params'], { json: string }>(statement.sql);
      this.listStatements.set(statement.sql, prepared);
    }
    return prepared.all(statement.params);
  }

  /**
   * Frees the file for the next process and closes it (checkpointing the WAL); later calls throw.
   * Closing twice is harmless.
   */
  async close(): Promise<void> {
    this.lease?.release();
    if (this.db.open) this.db.close();
  }
}
