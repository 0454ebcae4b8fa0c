import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { AppError } from '../domain/errors';

/** How the lease on a SQLite file is kept; the defaults suit a bot, tests shorten them. */
export interface SqliteLeaseOptions {
  /** A holder whose heartbeat is older than this is taken to be gone (default 15 s). */
  staleAfterMs?: number;
  /** How often the holder writes its heartbeat (default 5 s). */
  renewEveryMs?: number;
}

interface LeaseRow {
  owner: string;
  host: string;
  pid: number;
  heartbeat_at: number;
}

/**
 * This machine, and on Linux the PID namespace too: a process id means the same process only for
 * another process on the same host in the same namespace (two containers may share a host name).
 */
function thisHost(): string {
  try {
    return `${hostname()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    // No /proc (macOS, Windows): the host name is all there is.
    return hostname();
  }
}

/** Whether a process of this host is still running (EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A holder that no longer holds: silent for too long, or a process of this host that is gone. */
function isGone(
  holder: LeaseRow,
  here: { host: string; now: number; staleAfterMs: number },
): boolean {
  if (here.now - holder.heartbeat_at > here.staleAfterMs) return true;
  return holder.host === here.host && !isRunning(holder.pid);
}

function inUse(path: string, holder: LeaseRow, now: number): AppError {
  const seconds = Math.max(0, Math.round((now - holder.heartbeat_at) / 1000));
  return new AppError(
    'storage-in-use',
    `Another bot process (pid ${holder.pid} on ${holder.host.split(' ')[0]}, last seen ${seconds} s ago) ` +
      `uses the SQLite file ${path}. SQLite serves one bot instance: stop the other process, or ` +
      'set STORAGE=azure to run several instances on Azure Storage.',
  );
}

/** Takes the lease row for `owner` if it is free or its holder is gone; else throws. */
function take(db: Database.Database, path: string, owner: string, staleAfterMs: number): void {
  const host = thisHost();
  const claim = db.transaction(() => {
    const now = Date.now();
    const holder = db.prepare<[], LeaseRow>('SELECT * FROM instance_lease WHERE id = 1').get();
    if (holder && !isGone(holder, { host, now, staleAfterMs })) throw inUse(path, holder, now);
    db.prepare(
      `INSERT OR REPLACE INTO instance_lease (id, owner, host, pid, heartbeat_at)
       VALUES (1, ?, ?, ?, ?)`,
    ).run(owner, host, process.pid, now);
  });
  claim.immediate();
}

/**
 * The claim of one bot process on a SQLite file, in its `instance_lease` row: SQLite serves one
 * instance (its item locks and leases live in the process), so a second process on the same file
 * is refused at start instead of racing the first. The holder writes a heartbeat every few
 * seconds on an unref'd timer; a claim succeeds when the row is free, its heartbeat is stale
 * (the holder was killed or hangs), or its holder was a process of this host that is gone. A
 * holder that hung while another process took the file over refuses to write once it wakes.
 */
export class SqliteLease {
  private readonly timer: NodeJS.Timeout;
  private readonly sql: {
    owner: Database.Statement<[], { owner: string }>;
    renew: Database.Statement<[number, string]>;
    release: Database.Statement<[string]>;
  };
  private held = true;

  private constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly owner: string,
    renewEveryMs: number,
  ) {
    this.sql = {
      owner: db.prepare('SELECT owner FROM instance_lease WHERE id = 1'),
      renew: db.prepare('UPDATE instance_lease SET heartbeat_at = ? WHERE id = 1 AND owner = ?'),
      release: db.prepare('DELETE FROM instance_lease WHERE id = 1 AND owner = ?'),
    };
    this.timer = setInterval(() => this.renew(), renewEveryMs);
    this.timer.unref();
  }

  /** Claims the file for this process, or throws `storage-in-use` naming the holder. */
  static claim(db: Database.Database, path: string, options: SqliteLeaseOptions = {}): SqliteLease {
    const owner = randomUUID();
    take(db, path, owner, options.staleAfterMs ?? 15_000);
    return new SqliteLease(db, path, owner, options.renewEveryMs ?? 5_000);
  }

  /**
   * Throws `storage-in-use` if another process has taken the file over: checked before each
   * write (one read of one row), so a process that hung past the stale time writes nothing more.
   */
  assertHeld(): void {
    if (this.held && this.sql.owner.get()?.owner === this.owner) return;
    this.lose();
    throw new AppError(
      'storage-in-use',
      `Another bot process took over the SQLite file ${this.path} while this one was not renewing its lease; this one no longer writes to it.`,
    );
  }

  /** Stops the heartbeat and frees the file for the next process (if it is still ours). */
  release(): void {
    if (this.held && this.db.open) this.sql.release.run(this.owner);
    this.lose();
  }

  private renew(): void {
    try {
      if (this.sql.renew.run(Date.now(), this.owner).changes === 0) this.lose();
    } catch (error) {
      // A file busy past the busy timeout misses one beat; the next one, well within the stale
      // time, tries again. Anything else (the file closed or gone, the disk full) ends the lease.
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') this.lose();
    }
  }

  private lose(): void {
    this.held = false;
    clearInterval(this.timer);
  }
}
