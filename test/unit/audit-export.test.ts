import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAuditArgs, parseSince, runAuditCli, UsageError } from '../../src/audit-cli';
import type { AuditRecord } from '../../src/services/ports/request-store';
import { csvField, toCsv, toJsonLines } from '../../src/storage/audit-export';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';

const approved: AuditRecord = {
  at: '2025-03-01T10:00:00.000Z',
  requestId: 'r-1',
  displayId: 'REQ-1001',
  action: 'approve',
  from: 'pending',
  to: 'approved',
  actorId: 'u-1',
  actorName: 'Ada, Lovelace',
};
const assigned: AuditRecord = {
  at: '2025-03-01T10:00:05.000Z',
  requestId: 'r-1',
  displayId: 'REQ-1001',
  action: 'assigned',
  from: 'assigning',
  to: 'assigned',
  graphRequestId: 'g-42',
  detail: 'said "done"\nfine',
};
const HEADER = 'at,requestId,displayId,action,from,to,actorId,actorName,graphRequestId,detail';

describe('the audit export formats', () => {
  test('JSON lines give one parseable record a line', () => {
    const text = toJsonLines([approved, assigned]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line) as unknown)).toEqual([
      approved,
      assigned,
    ]);
    expect(toJsonLines([])).toBe('');
  });

  test('CSV has a header row and RFC 4180 quoting with doubled quotes', () => {
    expect(toCsv([approved, assigned]).split('\r\n')).toEqual([
      HEADER,
      '2025-03-01T10:00:00.000Z,r-1,REQ-1001,approve,pending,approved,u-1,"Ada, Lovelace",,',
      '2025-03-01T10:00:05.000Z,r-1,REQ-1001,assigned,assigning,assigned,,,g-42,"said ""done""\nfine"',
      '',
    ]);
    expect(toCsv([])).toBe(`${HEADER}\r\n`);
  });

  test('CSV fields that a spreadsheet would run as a formula are prefixed with a quote', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(undefined)).toBe('');
  });
});

describe('the audit command line', () => {
  test('reads --since, --format and --db, defaulting to jsonl and SQLITE_PATH', () => {
    expect(parseAuditArgs(['--since', '2025-03-01'], { SQLITE_PATH: '/x/r.db' })).toEqual({
      since: '2025-03-01T00:00:00.000Z',
      format: 'jsonl',
      db: '/x/r.db',
      help: false,
    });
    const csv = parseAuditArgs(['--since', '2025-03-01T09:30:00+01:00', '--format', 'csv'], {});
    expect(csv).toMatchObject({ since: '2025-03-01T08:30:00.000Z', db: './data/requests.db' });
  });

  test.each([['yesterday'], ['2025-02-30'], ['2025-13-01'], ['2025-03-01T25:00Z'], ['']])(
    'refuses %p as a date',
    (text) => {
      expect(() => parseSince(text)).toThrow(UsageError);
    },
  );

  test('answers an unknown flag, a bad format or no --since with the usage and exit code 2', async () => {
    for (const argv of [['--since', '2025-03-01', '--sinse'], ['--since', 'x'], ['--format=csv']]) {
      let stderr = '';
      const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t), env: {} };
      expect(await runAuditCli(argv, io)).toBe(2);
      expect(stderr).toContain('Usage: npm run audit');
    }
    expect(() => parseAuditArgs(['--since', '2025-03-01', '--format', 'xml'], {})).toThrow(
      /not jsonl or csv/,
    );
  });

  test('writes the export page by page, byte for byte as the records read at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-pages-'));
    try {
      const db = join(dir, 'requests.db');
      const store = new SqliteRequestStore({ path: db });
      const requester = { id: 'u-2', name: 'Rita' };
      for (const [i, at] of ['10:00', '10:00', '09:00', '10:00', '11:00'].entries()) {
        const created = { id: `r-${i}`, revision: 1, status: 'pending', attempts: 0 } as const;
        const time = `2025-03-01T${at}:00.000Z`;
        const request = { ...created, tenantId: 't', requester, createdAt: time, updatedAt: time };
        await store.create(request, { ...approved, at: time, requestId: request.id });
      }
      const all = await store.auditSince('2025-03-01T00:00:00.000Z');
      await store.close();
      for (const format of ['csv', 'jsonl']) {
        const chunks: string[] = [];
        const io = { stdout: async (t: string) => void chunks.push(t), stderr: () => {}, env: {} };
        const argv = ['--since', '2025-03-01', '--format', format, '--db', db];
        expect(await runAuditCli(argv, io, 2)).toBe(0);
        expect(chunks.join('')).toBe(format === 'csv' ? toCsv(all) : toJsonLines(all));
        expect(chunks.length).toBe(format === 'csv' ? 4 : 3);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('run as a process, it prints the CSV of the records since the date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    try {
      const db = join(dir, 'requests.db');
      const store = new SqliteRequestStore({ path: db });
      const old = { ...approved, at: '2025-02-01T00:00:00.000Z', requestId: 'r-0' };
      const request = { id: 'r-1', revision: 1, status: 'pending', attempts: 0 } as const;
      const requester = { id: 'u-2', name: 'Rita' };
      const created = {
        ...request,
        tenantId: 't',
        requester,
        createdAt: old.at,
        updatedAt: old.at,
      };
      await store.create(created, old);
      await store.save({ ...created, revision: 2, status: 'approved' }, approved);
      await store.save({ ...created, revision: 3, status: 'assigned' }, assigned);
      await store.close();
      const args = ['tsx', 'src/audit-cli.ts', '--since', '2025-03-01', '--format', 'csv'];
      const { stdout } = await promisify(execFile)('npx', [...args, '--db', db], {
        cwd: join(__dirname, '../..'),
      });
      expect(stdout).toBe(toCsv([approved, assigned]));
      expect(stdout.split('\r\n')[0]).toBe(HEADER);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('run beside the bot that holds the file, it reads it read-only and leaves the bot its lease', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-beside-'));
    const db = join(dir, 'requests.db');
    const bot = new SqliteRequestStore({ path: db });
    try {
      const time = approved.at;
      const pending = { id: 'r-1', revision: 1, status: 'pending', attempts: 0 } as const;
      const request = { ...pending, tenantId: 't', requester: { id: 'u-2', name: 'Rita' } };
      const created = { ...request, createdAt: time, updatedAt: time };
      await bot.create(created);
      await bot.save({ ...created, revision: 2, status: 'approved' }, approved);
      const args = ['--import', 'tsx', 'src/audit-cli.ts', '--since', '2025-03-01', '--db', db];
      const { stdout } = await promisify(execFile)(process.execPath, args, {
        cwd: join(__dirname, '../..'),
      });

      expect(stdout).toBe(toJsonLines([approved]));
      await bot.putSetting('still-writing', true);
      expect(() => new SqliteRequestStore({ path: db })).toThrow(/Another bot process/);
    } finally {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
