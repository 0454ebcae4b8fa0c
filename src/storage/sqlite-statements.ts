import type Database from 'better-sqlite3';
import { AppError } from '../domain/errors';
import type { AssignmentRequest } from '../domain/request';
import type { AuditRow } from './sqlite-rows';

const REQUEST_COLUMNS = `number = @number, revision = @revision, status = @status,
  requester_id = @requester_id, tenant_id = @tenant_id, expires_at = @expires_at,
  created_at = @created_at, json = @json`;

/**
 * A page of the audit export: from the cursor's instant, past the records of that instant already
 * read. The `(at, id)` index serves the order; the offset is only ever the records of one instant.
 */
const AUDIT_PAGE_SQL = `SELECT * FROM audit WHERE at >= @from ORDER BY at, id
  LIMIT @limit OFFSET @skip`;

/** Turns SQLite's constraint errors into the catalog's `conflict`, leaving others as they are. */
export function asConflict(error: unknown, request: AssignmentRequest): unknown {
  // Duck-typed on purpose: the native addon's errors need not be `instanceof` this realm's Error.
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? (error as { code: unknown }).code
      : undefined;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('conflict', `Request ${request.id} already exists.`);
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new AppError('conflict', `Number ${request.number} already belongs to another request.`);
  }
  return error;
}

/** Every statement the store runs, prepared once when the file is opened. */
export function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare(`INSERT INTO requests (id, number, revision, status, requester_id,
      tenant_id, expires_at, created_at, json) VALUES (@id, @number, @revision, @status,
      @requester_id, @tenant_id, @expires_at, @created_at, @json)`),
    update: db.prepare(
      `UPDATE requests SET ${REQUEST_COLUMNS} WHERE id = @id AND revision = @revision - 1`,
    ),
    get: db.prepare<[string], { json: string }>('SELECT json FROM requests WHERE id = ?'),
    byNumber: db.prepare<[number], { json: string }>('SELECT json FROM requests WHERE number = ?'),
    audit: db.prepare(`INSERT INTO audit (at, request_id, display_id, action, from_status,
      to_status, actor_id, actor_name, graph_request_id, detail) VALUES (@at, @request_id,
      @display_id, @action, @from_status, @to_status, @actor_id, @actor_name, @graph_request_id,
      @detail)`),
    auditPage: db.prepare<{ from: string; limit: number; skip: number }, AuditRow>(AUDIT_PAGE_SQL),
    nextNumber: db.prepare<[string, number], { value: number }>(`INSERT INTO counters (name,
      value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`),
    putCopy: db.prepare(`INSERT INTO card_copies (request_id, key, json) VALUES (?, ?, ?)
      ON CONFLICT (request_id, key) DO UPDATE SET json = excluded.json`),
    copies: db.prepare<[string], { json: string }>(
      'SELECT json FROM card_copies WHERE request_id = ? ORDER BY key',
    ),
    getSetting: db.prepare<[string], { json: string }>('SELECT json FROM settings WHERE key = ?'),
    // A range on the primary key: `>= prefix` and `< prefix` with its last character raised.
    settingsFrom: db.prepare<[string, string], { key: string; json: string }>(
      'SELECT key, json FROM settings WHERE key >= ? AND key < ? ORDER BY key',
    ),
    putSetting: db.prepare(`INSERT INTO settings (key, json) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET json = excluded.json`),
    addSetting: db.prepare(
      'INSERT INTO settings (key, json) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    deleteSetting: db.prepare('DELETE FROM settings WHERE key = ?'),
    getFence: db.prepare<[string], { json: string }>(
      'SELECT json FROM write_fences WHERE item = ?',
    ),
    putFence: db.prepare(`INSERT INTO write_fences (item, json) VALUES (?, ?)
      ON CONFLICT (item) DO UPDATE SET json = excluded.json`),
    clearFence: db.prepare(
      "DELETE FROM write_fences WHERE item = ? AND json ->> '$.requestId' = ?",
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
