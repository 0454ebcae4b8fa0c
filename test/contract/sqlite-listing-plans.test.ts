import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RequestQuery } from '../../src/services/ports/request-store';
import { numberedStatement } from '../../src/storage/sqlite-list';
import { requestRow } from '../../src/storage/sqlite-rows';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { MIGRATIONS, openRequestDatabase } from '../../src/storage/sqlite-schema';
import { aRequest } from './request-fixtures';

const NOW = '2026-03-01T00:00:00.000Z';

/** The listings the services make (queries, expiry), as they make them. */
const SERVICE_QUERIES: Record<string, RequestQuery> = {
  "an approver's queue": {
    statuses: ['pending'],
    notRequesterId: 'approver-1',
    tenantId: 'tenant-1',
    order: 'oldest',
    limit: 25,
  },
  'my requests': { requesterId: 'user-1', excludeStatuses: ['draft'], order: 'newest', limit: 10 },
  'the first page of due requests': { statuses: ['pending'], expiresBefore: NOW, limit: 100 },
  'a later page of due requests': {
    statuses: ['pending'],
    expiresBefore: NOW,
    afterNumber: 1100,
    limit: 100,
  },
  'a page of reminder candidates': {
    statuses: ['pending'],
    expiresBefore: NOW,
    expiresAfter: '2026-02-28T00:00:00.000Z',
    limit: 100,
  },
  'the requests to resume': { statuses: ['assigning'], limit: 100 },
};

describe('the SQLite listings', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'listing-plans-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each(Object.entries(SERVICE_QUERIES))(
    '%s walks an index in order, never scanning or sorting the table',
    (_name, query) => {
      const db = openRequestDatabase(join(dir, 'requests.db'));
      const { sql, params } = numberedStatement(query);
      const plan = db
        .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((row) => row.detail)
        .join('\n');
      db.close();
      expect(plan).toMatch(/SEARCH requests USING INDEX requests_(status|requester)_number/);
      expect(plan).not.toMatch(/SCAN requests|TEMP B-TREE/);
    },
  );

  test('a file from before the listing indexes gets them, with the tenant of each request', async () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(MIGRATIONS.slice(0, 2).join(';'));
    old.pragma('user_version = 2');
    // The row as version 2 stored it: every column but tenant_id, which it did not have yet.
    const columns: Record<string, unknown> = requestRow(aRequest({ tenantId: ' Tenant-1 ' }));
    delete columns.tenant_id;
    const names = Object.keys(columns);
    old
      .prepare(`INSERT INTO requests (${names}) VALUES (${names.map((n) => `@${n}`)})`)
      .run(columns);
    old.close();

    const store = new SqliteRequestStore({ path });
    expect(await store.list({ tenantId: 'tenant-1' })).toHaveLength(1);
    expect(await store.list({ tenantId: 'tenant-2' })).toHaveLength(0);
    await store.close();
    const db = new Database(path, { readonly: true });
    const indexes = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
      .all()
      .map((row) => row.name);
    db.close();
    expect(indexes).toEqual(
      expect.arrayContaining(['requests_status_number', 'requests_requester_number']),
    );
    expect(indexes).not.toContain('requests_status');
  });
});
