import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { SCHEMA_VERSION } from '../../src/storage/sqlite-schema';
import { aRequest, anAudit, transition } from './request-fixtures';
import { describeRequestStoreContract } from './request-store.contract';

function tempDir(): { dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'request-store-'));
  return { dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * One writer process: opens the file with the single-instance lease set aside, waits for a shared
 * start instant so the processes really race, tries one transition and takes five numbers, and
 * prints what it got.
 */
const RACER = `
const { SqliteRequestStore } = require('./src/storage/sqlite-request-store.ts');
const [path, startAt, json] = process.argv.slice(1);
const store = new SqliteRequestStore({ path, lease: false });
setTimeout(async () => {
  const saved = await store.save(JSON.parse(json));
  const numbers = [];
  for (let i = 0; i < 5; i += 1) numbers.push(await store.nextNumber());
  process.stdout.write(JSON.stringify({ ok: saved.ok, numbers }));
  await store.close();
}, Number(startAt) - Date.now());
`;

describeRequestStoreContract('sqlite', async () => {
  const { dir, cleanup } = tempDir();
  return { store: new SqliteRequestStore({ path: join(dir, 'requests.db') }), cleanup };
});

describe('the SQLite request store on a file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  test('creates the directory of the file and opens it in WAL mode at the current schema', async () => {
    const path = join(dir, 'nested', 'data', 'requests.db');
    const store = new SqliteRequestStore({ path });
    await store.close();
    expect(existsSync(path)).toBe(true);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  test('requests, numbers, audit, card copies and settings survive a restart', async () => {
    const path = join(dir, 'requests.db');
    const first = new SqliteRequestStore({ path });
    const request = aRequest({ number: await first.nextNumber() });
    await first.create(request, anAudit(request, 'pending'));
    const approved = transition(request, 'approved');
    await first.save(approved, anAudit(request, 'approved'));
    await first.putCardCopy(request.id, { key: 'channel', ref: { activityId: 'a-1' } });
    await first.putSetting('approvals-channel', { channelId: 'c-1' });
    await first.close();

    const second = new SqliteRequestStore({ path });
    expect(await second.get(request.id)).toEqual(approved);
    expect(await second.getByNumber(1001)).toEqual(approved);
    expect(await second.nextNumber()).toBe(1002);
    expect(await second.auditSince('2000-01-01T00:00:00.000Z')).toHaveLength(2);
    expect(await second.cardCopies(request.id)).toHaveLength(1);
    expect(await second.getSetting('approvals-channel')).toEqual({ channelId: 'c-1' });
    await second.close();
  });

  // The lease keeps a second bot off the file; these two prove the compare-and-set holds without
  // it, as when a process that hung past the stale time wakes beside the one that took over.
  test('two stores on one file without the lease still give exactly one winner per transition', async () => {
    const path = join(dir, 'requests.db');
    const instances = [
      new SqliteRequestStore({ path, lease: false }),
      new SqliteRequestStore({ path, lease: false }),
    ];
    const request = aRequest();
    await instances[0]?.create(request);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const next = transition(request, 'approved', `approver-${i}`);
        return instances[i % 2]?.save(
          next,
          anAudit(request, 'approved', { actorId: `approver-${i}` }),
        );
      }),
    );
    const winners = results.filter((result) => result?.ok);
    expect(winners).toHaveLength(1);
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => instances[i % 2]?.nextNumber()),
    );
    expect(new Set(numbers).size).toBe(20);
    expect(await instances[1]?.auditSince('2000-01-01T00:00:00.000Z')).toHaveLength(1);
    await Promise.all(instances.map((store) => store.close()));
  });

  test('four processes writing one file without the lease still give exactly one winner per transition', async () => {
    const path = join(dir, 'requests.db');
    const setup = new SqliteRequestStore({ path });
    const request = aRequest();
    await setup.create(request);
    const startAt = String(Date.now() + 1500);
    const outputs = await Promise.all(
      [0, 1, 2, 3].map((i) => {
        const next = JSON.stringify(transition(request, 'approved', `approver-${i}`));
        const args = ['--import', 'tsx', '-e', RACER, path, startAt, next];
        return promisify(execFile)(process.execPath, args, { cwd: join(__dirname, '../..') });
      }),
    );
    const results = outputs.map(
      (output) => JSON.parse(output.stdout) as { ok: boolean; numbers: number[] },
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(new Set(results.flatMap((result) => result.numbers)).size).toBe(20);
    expect((await setup.get(request.id))?.revision).toBe(2);
    await setup.close();
  });
});
