/**
 * Seeds a request database for `bench/stored-requests.ts`: 100,000 requests (20,000 pending,
 * 30,000 from one requester, the rest spread over drafts and final states and 500 requesters) and
 * their audit records, in one transaction through the store's own schema and row mapping. Run as
 * a child process so its memory is not counted as the bot's:
 *
 *   npx tsx bench/seed-requests.ts <path> <now ISO> [audit records]
 */
import type Database from 'better-sqlite3';
import type { AssignmentRequest, RequestStatus } from '../src/domain/request';
import type { AuditRecord } from '../src/services/ports/request-store';
import { WELL_KNOWN } from '../src/simulator/seed';
import { auditRow, requestRow } from '../src/storage/sqlite-rows';
import { openRequestDatabase } from '../src/storage/sqlite-schema';

export const SEED = { total: 100_000, pending: 20_000, fromRequester: 30_000, dueSoon: 1_000 };
/** The simulated tenant's id, which every seeded request records. */
export const TENANT_ID = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
const HOUR_MS = 3_600_000;
const FINAL: RequestStatus[] = ['assigned', 'rejected', 'cancelled', 'expired', 'failed'];

const others = Array.from(
  { length: 500 },
  (_, i) => `0000${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`,
);
// The approver has pending requests of their own among the oldest, which their queue leaves out.
others[5] = WELL_KNOWN.users.approver1;

/** Every fifth request is pending, one in twenty a draft, the rest in a final state. */
const statusAt = (i: number): RequestStatus =>
  i % 5 === 0
    ? 'pending'
    : i % 20 === 1
      ? 'draft'
      : (FINAL[Math.floor(i / 5) % FINAL.length] ?? 'assigned');

/** Request `i`: 3 in 10 from the requester, the others from 500 people. */
function requestAt(i: number, number: number | undefined, now: number): AssignmentRequest {
  const status = statusAt(i);
  const fromRequester = i % 10 < 3;
  const created = new Date(now - (SEED.total - i) * 60_000).toISOString();
  const dueSoon = status === 'pending' && i < SEED.dueSoon * 5;
  const request: AssignmentRequest = {
    id: `seed-${i}`,
    number,
    revision: status === 'pending' ? 1 : 3,
    status,
    tenantId: TENANT_ID,
    requester: {
      id: fromRequester ? WELL_KNOWN.users.requester : (others[i % others.length] ?? ''),
      name: fromRequester ? 'Megan Bowen' : `Person ${i % others.length}`,
    },
    item: {
      kind: 'app',
      id: `app-${i % 320}`,
      name: `App ${i % 320}`,
      type: 'win32LobApp',
      platform: 'windows',
      publisher: 'Contoso',
    },
    target: { kind: 'group', groupId: WELL_KNOWN.groups.sales, exclude: false },
    targetName: 'Sales',
    intent: 'required',
    justification: `Needed by the team for the rollout, request ${i}.`,
    diff: [
      { kind: 'unchanged', text: 'All devices: available (filter excluded: Kiosk)' },
      { kind: 'unchanged', text: 'Marketing: required' },
      { kind: 'add', text: '+ Sales: required' },
    ],
    createdAt: created,
    updatedAt: created,
    attempts: 0,
  };
  if (status === 'draft') return { ...request, draft: { step: 'justification' } };
  const expiresAt = dueSoon ? now + HOUR_MS : now + 100 * HOUR_MS + i * 1000;
  const submitted = {
    ...request,
    submittedAt: created,
    expiresAt: new Date(expiresAt).toISOString(),
  };
  return dueSoon ? { ...submitted, remindedAt: new Date(now - HOUR_MS).toISOString() } : submitted;
}

function auditOf(request: AssignmentRequest): AuditRecord[] {
  const displayId = `REQ-${request.number}`;
  const base = { requestId: request.id, displayId, actorId: request.requester.id };
  const records: AuditRecord[] = [
    { ...base, at: request.createdAt, action: 'submit', from: 'draft', to: 'pending' },
  ];
  if (request.status !== 'pending') {
    records.push({
      ...base,
      at: request.updatedAt,
      action: 'decide',
      from: 'pending',
      to: request.status,
      actorName: 'Patti Fernandez',
      detail: 'Seeded for the benchmark',
    });
  }
  return records;
}

/** An audit record of no particular request, to bring the log to the size asked for. */
function fillerAudit(k: number, now: number): AuditRecord {
  const at = new Date(now - 30 * 24 * HOUR_MS + k * 1000).toISOString();
  const base = { at, requestId: `seed-${k % SEED.total}`, displayId: `REQ-${1001 + (k % 90_000)}` };
  return { ...base, action: 'remind', from: 'pending', to: 'pending', detail: 'Seeded filler' };
}

/** An `INSERT` of every column of `row`, by name. */
function insertInto(db: Database.Database, table: string, row: object): Database.Statement {
  const columns = Object.keys(row);
  const values = columns.map((column) => `@${column}`);
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})`);
}

/** Writes the seed into a new file at `path`, with `auditTotal` audit records at least. */
export function seedRequests(path: string, now: Date, auditTotal = 0) {
  const db = openRequestDatabase(path);
  const sample = requestAt(0, 1001, 0);
  const insert = insertInto(db, 'requests', requestRow(sample));
  const insertAudit = insertInto(db, 'audit', auditRow(auditOf(sample)[0] as AuditRecord));
  let number = 1000;
  let audit = 0;
  db.transaction(() => {
    for (let i = 0; i < SEED.total; i += 1) {
      const draft = statusAt(i) === 'draft';
      const request = requestAt(i, draft ? undefined : (number += 1), now.getTime());
      insert.run(requestRow(request));
      if (draft) continue;
      for (const record of auditOf(request)) insertAudit.run(auditRow(record));
      audit += auditOf(request).length;
    }
    for (; audit < auditTotal; audit += 1)
      insertAudit.run(auditRow(fillerAudit(audit, now.getTime())));
    db.prepare('INSERT INTO counters (name, value) VALUES (?, ?)').run('request-number', number);
  })();
  db.close();
  return { requests: SEED.total, audit };
}

if (require.main === module) {
  const [path, now, auditTotal] = process.argv.slice(2);
  if (!path || !now) throw new Error('usage: seed-requests.ts <path> <now ISO> [audit records]');
  process.stdout.write(JSON.stringify(seedRequests(path, new Date(now), Number(auditTotal ?? 0))));
}
