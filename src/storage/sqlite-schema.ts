import { AppError } from '../domain/errors';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The schema, one migration per `user_version`. Migrations are only ever appended: an opened file
 * runs the ones it has not run yet, each in its own transaction with its version bump.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     number INTEGER UNIQUE,
     revision INTEGER NOT NULL,
     status TEXT NOT NULL,
     requester_id TEXT NOT NULL,
     expires_at TEXT,
     created_at TEXT NOT NULL,
     json TEXT NOT NULL
   );
   CREATE INDEX requests_status ON requests (status);
   CREATE INDEX requests_requester ON requests (requester_id);
   CREATE INDEX requests_expires ON requests (expires_at);
   CREATE TABLE card_copies (
     request_id TEXT NOT NULL,
     key TEXT NOT NULL,
     json TEXT NOT NULL,
     PRIMARY KEY (request_id, key)
   );
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     request_id TEXT NOT NULL,
     display_id TEXT NOT NULL,
     action TEXT NOT NULL,
     from_status TEXT NOT NULL,
     to_status TEXT NOT NULL,
     actor_id TEXT,
     actor_name TEXT,
     graph_request_id TEXT,
     detail TEXT
   );
   CREATE INDEX audit_at ON audit (at, id);
   CREATE TABLE settings (key TEXT PRIMARY KEY, json TEXT NOT NULL);
   CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);`,
  `CREATE TABLE write_fences (item TEXT PRIMARY KEY, json TEXT NOT NULL);`,
  // Listings on indexes: an approver's queue and the expiry sweep walk (status, number) in order,
  // expires_at filtered in the index; my requests walk (requester_id, number). These two replace
  // the one-column indexes they start with. The tenant as listings compare it (see tenantKey).
  `ALTER TABLE requests ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '';
   UPDATE requests SET tenant_id = lower(trim(coalesce(json ->> '$.tenantId', '')));
   DROP INDEX requests_status;
   DROP INDEX requests_requester;
   CREATE INDEX requests_status_number ON requests (status, number, expires_at);
   CREATE INDEX requests_requester_number ON requests (requester_id, number);`,
  // One bot process per file (see SqliteLease): its claim and heartbeat, in the one row id 1.
  `CREATE TABLE instance_lease (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     owner TEXT NOT NULL,
     host TEXT NOT NULL,
     pid INTEGER NOT NULL,
     heartbeat_at INTEGER NOT NULL
   );`,
];

/** How long a writer waits for another connection's lock before SQLite reports it busy. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating the file and its directory if needed) and migrates a request database. WAL lets
 * readers run beside the one writer; `synchronous=NORMAL` is durable across a process crash in WAL
 * mode; the busy timeout makes two bot instances on one file wait for each other instead of failing.
 */
export function openRequestDatabase(path: string): Database.Database {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version this code writes; a file from a newer version is refused, not damaged. */
export const SCHEMA_VERSION = MIGRATIONS.length;

function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    // Read inside the write transaction so two processes opening a new file migrate it once.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new AppError(
        'setup-invalid',
        `The database has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}: upgrade the bot.`,
      );
    }
    for (let next = version; next < SCHEMA_VERSION; next += 1) {
      db.exec(MIGRATIONS[next] ?? '');
      db.pragma(`user_version = ${next + 1}`);
    }
  });
  apply.immediate();
}

/**
 * Opens an existing request database for reading only: no migration, no lease, nothing written,
 * so a reader (the audit export) may open the file while the bot runs on it. The file must be at
 * this code's schema version, which only the bot's own start brings it to.
 */
export function openRequestDatabaseReadOnly(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      const fix = version > SCHEMA_VERSION ? 'upgrade this program' : 'start the bot on it once';
      throw new AppError(
        'setup-invalid',
        `The database has schema version ${version}, not this program's ${SCHEMA_VERSION}: ${fix}.`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
