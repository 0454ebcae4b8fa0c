import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';

const ROOT = join(__dirname, '../..');

/**
 * A bot process's hold on the file: opens it (heartbeat every 200 ms), listens for its signals,
 * then says `ready`. SIGUSR2 makes it write a setting: `wrote`, or `refused <code>` and exit 3.
 * SIGTERM closes the store, freeing the file, and exits 0. It writes nothing else, so a SIGSTOP
 * almost surely finds it outside a transaction (one holding SQLite's write lock would block every
 * process, as a hung process does).
 */
const HOLDER = `
const { SqliteRequestStore } = require('./src/storage/sqlite-request-store.ts');
const store = new SqliteRequestStore({ path: process.argv[1], lease: { renewEveryMs: 200 } });
process.on('SIGUSR2', async () => {
  try {
    await store.putSetting('written', process.pid);
    process.stdout.write('wrote\\n');
  } catch (error) {
    process.stdout.write('refused ' + error.code + '\\n');
    process.exit(3);
  }
});
process.once('SIGTERM', async () => {
  await store.close();
  process.exit(0);
});
setInterval(() => undefined, 1000);
process.stdout.write('ready\\n');
`;

interface Holder {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | string>;
}

/** Starts a holder process on `path` and resolves once it holds the file. */
function startHolder(path: string): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', HOLDER, path], { cwd: ROOT });
  const lines: string[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  return new Promise((resolve, reject) => {
    void exited.then(() => reject(new Error(`the holder exited:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line === 'ready') resolve({ child, lines, exited });
    });
  });
}

/** The error opening the file throws, or `undefined` once the store opened (and is closed). */
async function openError(path: string, staleAfterMs?: number): Promise<unknown> {
  try {
    const store = new SqliteRequestStore({ path, lease: { staleAfterMs } });
    await store.close();
    return undefined;
  } catch (error) {
    return error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 5 s) until `done` holds. */
async function eventually(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 5000) throw new Error('it did not happen within 5 s');
    await sleep(20);
  }
}

describe('one bot process per SQLite file', () => {
  let dir: string;
  let path: string;
  const holders: Holder[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'instance-lease-'));
    path = join(dir, 'requests.db');
  });
  afterEach(async () => {
    for (const holder of holders.splice(0)) {
      holder.child.kill('SIGCONT');
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const hold = async () => {
    const holder = await startHolder(path);
    holders.push(holder);
    return holder;
  };

  test('a second process is refused the file while the first holds it, and told why', async () => {
    const holder = await hold();
    const error = await openError(path);
    expect(error).toMatchObject({ code: 'storage-in-use' });
    const message = (error as Error).message;
    expect(message).toContain(`pid ${holder.child.pid}`);
    expect(message).toContain(path);
    expect(message).toMatch(/SQLite serves one bot instance.*STORAGE=azure/);
  });

  test('a second process opens the file once the first has closed it', async () => {
    const holder = await hold();
    holder.child.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
    expect(await openError(path)).toBeUndefined();
  });

  test('a process killed with kill -9 leaves the file to the next one at once: its pid is gone', async () => {
    const holder = await hold();
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(await openError(path)).toBeUndefined();
  });

  test('a process killed with kill -9 on another host leaves the file once its heartbeat is stale', async () => {
    const holder = await hold();
    holder.child.kill('SIGKILL');
    await holder.exited;
    // The file on a shared disk, held from another machine: only the heartbeat tells.
    const db = new Database(path);
    db.prepare("UPDATE instance_lease SET host = 'another-host', heartbeat_at = ?").run(Date.now());
    db.close();
    expect(await openError(path, 1000)).toMatchObject({ code: 'storage-in-use' });
    await sleep(1200);
    expect(await openError(path, 1000)).toBeUndefined();
  });

  test('a process that stops renewing is taken over once stale, and writes nothing after it wakes', async () => {
    const holder = await hold();
    holder.child.kill('SIGUSR2');
    await eventually(() => holder.lines.includes('wrote'));
    holder.child.kill('SIGSTOP');
    expect(await openError(path, 1000)).toMatchObject({ code: 'storage-in-use' });
    await sleep(1200);
    const next = new SqliteRequestStore({ path, lease: { staleAfterMs: 1000 } });
    await next.putSetting('written', 'by the next process');

    holder.child.kill('SIGCONT');
    holder.child.kill('SIGUSR2');
    expect(await holder.exited).toBe(3);
    expect(holder.lines).toContain('refused storage-in-use');
    expect(await next.getSetting('written')).toBe('by the next process');
    await next.close();
  });

  test('a second store in the same process is refused as well', async () => {
    const first = new SqliteRequestStore({ path });
    expect(await openError(path)).toMatchObject({ code: 'storage-in-use' });
    await first.close();
    expect(await openError(path)).toBeUndefined();
  });
});
