import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import {
  auditCursorAfter,
  type AuditCursor,
  type RequestStore,
} from './services/ports/request-store';
import { CSV_HEADER, toCsvRows, toJsonLines } from './storage/audit-export';
import { SqliteRequestStore } from './storage/sqlite-request-store';

/** Records read and written at a time: the export's memory stays flat however long it is. */
export const AUDIT_PAGE_SIZE = 1000;

export const AUDIT_USAGE = `Usage: npm run audit -- --since <date> [--format jsonl|csv] [--db <path>]

  --since   ISO date or date-time, e.g. 2025-03-01 (midnight UTC) or 2025-03-01T09:00:00Z
            (a time without Z or an offset is local time)
  --format  jsonl (default): one JSON record a line; csv: a header row, then RFC 4180 rows
  --db      the SQLite file (default: SQLITE_PATH, or ./data/requests.db)`;

/** A mistake in the command line: reported with the usage and exit code 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}

export interface AuditArgs {
  /** The instant, normalised to `toISOString()` so it compares with the stored `at` as text. */
  since: string;
  format: 'jsonl' | 'csv';
  db: string;
  help: boolean;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses an ISO 8601 date or date-time strictly: `Date.parse` alone accepts free text and rolls
 * `2025-02-30` over into March, and an audit export from the wrong day is worse than an error.
 */
export function parseSince(text: string): string {
  const match = ISO_DATE.exec(text.trim());
  const ms = Date.parse(text.trim());
  const [year, month, day] = (match?.slice(1, 4) ?? []).map(Number);
  const calendar = year !== undefined && month !== undefined && day !== undefined;
  const real = calendar && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
  if (!match || !real || Number.isNaN(ms)) {
    throw new UsageError(
      `--since: "${text}" is not a date; use e.g. 2025-03-01 or 2025-03-01T09:00:00Z.`,
    );
  }
  return new Date(ms).toISOString();
}

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        since: { type: 'string' },
        format: { type: 'string', default: 'jsonl' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs names the offending flag ("Unknown option '--sinse'"): pass its words on.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads the command line; throws a `UsageError` for an unknown flag, a bad value or no `--since`. */
export function parseAuditArgs(argv: readonly string[], env: NodeJS.ProcessEnv): AuditArgs {
  const values = readFlags(argv);
  if (values.help) return { since: '', format: 'jsonl', db: '', help: true };
  if (values.since === undefined) throw new UsageError('--since <date> is required.');
  if (values.format !== 'jsonl' && values.format !== 'csv') {
    throw new UsageError(`--format: "${values.format}" is not jsonl or csv.`);
  }
  const db = values.db ?? (env.SQLITE_PATH?.trim() || './data/requests.db');
  return { since: parseSince(values.since), format: values.format, db, help: false };
}

export interface CliIo {
  /** Writes a chunk; a returned promise is awaited before the next page is read (backpressure). */
  stdout: (text: string) => void | Promise<void>;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Writes the export page by page: the CSV header once, then each page's rows or lines. */
async function writeExport(store: RequestStore, args: AuditArgs, io: CliIo, pageSize: number) {
  const csv = args.format === 'csv';
  if (csv) await io.stdout(CSV_HEADER);
  let after: AuditCursor | undefined;
  for (;;) {
    const page = await store.auditSince(args.since, { limit: pageSize, after });
    if (page.length > 0) await io.stdout(csv ? toCsvRows(page) : toJsonLines(page));
    if (page.length < pageSize) return;
    after = auditCursorAfter(page, after);
  }
}

/**
 * Prints the audit records at or after `--since` to stdout and returns the exit code: 0 done,
 * 1 the database is missing or unreadable, 2 a usage mistake. Never creates a database, and opens
 * it read-only, taking no lease: it runs beside the bot that holds the file. Reads and writes
 * `pageSize` records at a time, so a million records stream through in flat memory.
 */
export async function runAuditCli(
  argv: readonly string[],
  io: CliIo,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<number> {
  let args: AuditArgs;
  try {
    args = parseAuditArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`audit: ${error.message}\n\n${AUDIT_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${AUDIT_USAGE}\n`);
    return 0;
  }
  if (!existsSync(args.db)) {
    io.stderr(`audit: no database at ${args.db}; pass --db or set SQLITE_PATH.\n`);
    return 1;
  }
  const store = new SqliteRequestStore({ path: args.db, readOnly: true });
  try {
    await writeExport(store, args, io, pageSize);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  // The same .env the bot reads, so SQLITE_PATH points the export at the bot's database.
  loadDotenv({ quiet: true });
  const io: CliIo = {
    stdout: (text) =>
      new Promise<void>((resolve, reject) =>
        process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
      ),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  };
  runAuditCli(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`audit: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
