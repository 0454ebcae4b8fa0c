import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AssignmentRequest } from '../../src/domain/request';
import { createGraph, type GraphServices } from '../../src/graph';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { RecordingConnector } from '../support/card-log';
import { eventually } from '../support/e2e';
import { killHard, startBotProcess, type BotProcess } from '../support/bot-process';
import { storePendingRequest } from '../support/pending-request';
import { TeamsClient, type TeamsUserInfo } from '../support/teams-client';

const TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
const APP = WELL_KNOWN.apps.win32Unassigned;
const G = WELL_KNOWN.groups;
const person = (id: string, name: string, key: string): TeamsUserInfo => ({
  aadObjectId: id,
  name,
  mri: `29:${key}-mri`,
});
const REQUESTER = person(WELL_KNOWN.users.requester, 'Megan Bowen', 'requester');
const APPROVER = person(WELL_KNOWN.users.approver1, 'Patti Fernandez', 'approver1');

/**
 * kill -9 in each phase of an assignment: real bot processes (the real entry point) on one SQLite
 * file, the simulated tenant and a fake Bot Connector in this process. A phase is held open with a
 * slow Graph route or a slow connector call, the bot is killed in it, and a new bot is started on
 * the same file. Whatever the phase, the request ends assigned, its group is in Intune, and no
 * other assignment is lost.
 */
describe('a bot killed with kill -9 in each phase of an assignment', () => {
  // Each test starts two real bot processes; on a loaded 2-core machine that alone can take 20 s.
  jest.setTimeout(60_000);
  let dir: string;
  let sim: SimulatorHandle;
  let connector: RecordingConnector;
  let graph: GraphServices;
  const bots: BotProcess[] = [];

  const dbPath = () => join(dir, 'requests.db');

  const startBot = async (): Promise<{ bot: BotProcess; teams: TeamsClient }> => {
    const bot = await startBotProcess({
      GRAPH_BASE_URL: sim.url,
      SQLITE_PATH: dbPath(),
      ALLOWED_TENANT_ID: TENANT,
      APPROVER_GROUP_ID: G.approvers,
      PORT: '0',
      LOG_LEVEL: 'info',
      GRAPH_RETRY_BASE_DELAY_MS: '20',
      GRAPH_ATTEMPT_TIMEOUT_MS: '8000',
      GRAPH_WRITE_LIFETIME_MS: '9000',
      MAA_POLL_SECONDS: '1',
    });
    bots.push(bot);
    const teams = new TeamsClient({ botUrl: bot.url, serviceUrl: connector.url, tenantId: TENANT });
    return { bot, teams };
  };

  /** The request as the bot stored it, read from the file without taking part in its writes. */
  const stored = (id: string): AssignmentRequest | undefined => {
    const db = new Database(dbPath(), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT json FROM requests WHERE id = ?').get(id) as
        { json: string } | undefined;
      return row && (JSON.parse(row.json) as AssignmentRequest);
    } finally {
      db.close();
    }
  };

  /** A submitted request for the unassigned Win32 app and a group, with its reviewed diff. */
  const submitted = async (groupId: string, groupName: string): Promise<AssignmentRequest> => {
    const store = new SqliteRequestStore({ path: dbPath() });
    try {
      return await storePendingRequest(store, graph.intune, {
        tenantId: TENANT,
        groupId,
        groupName,
      });
    } finally {
      await store.close();
    }
  };

  const approve = (teams: TeamsClient, request: AssignmentRequest) =>
    teams.execute(APPROVER, 'request.approve', { requestId: request.id });

  const received = (method: string, pattern: RegExp) =>
    sim.control.requests().filter((r) => r.method === method && pattern.test(r.url)).length;

  const groupsInIntune = () =>
    (sim.control.tenant().appAssignments.get(APP) ?? [])
      .map((a) => (a.target as { groupId?: string }).groupId)
      .sort();

  const applied = () => sim.control.writes().filter((w) => w.status === 204);

  const ends = (request: AssignmentRequest, status = 'assigned') =>
    eventually(
      () => stored(request.id)?.status === status,
      `${status} for REQ-${request.number}`,
      30_000,
    );

  /** The first bot: the requester and the approver have talked to it, then the approval. */
  const approvedOnFirstBot = async (request: AssignmentRequest) => {
    sim.control.clearRequests();
    const first = await startBot();
    await first.teams.say(REQUESTER, 'help');
    await first.teams.say(APPROVER, 'help');
    expect((await approve(first.teams, request)).status).toBe(200);
    return first;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kill-mid-assignment-'));
    sim = await startSimulator({ tenant: createTenant(), port: 0 });
    connector = new RecordingConnector();
    await connector.start();
    const config = loadConfig({ GRAPH_BASE_URL: sim.url, STORAGE: 'memory' });
    graph = createGraph(config, createLogger({ level: 'silent' }));
  });

  afterEach(async () => {
    for (const bot of bots.splice(0)) await killHard(bot);
    graph.intune.stop();
    await connector.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('killed after the approval was stored, while telling people: the next bot assigns it once', async () => {
    const request = await submitted(G.sales, 'Sales');
    connector.delayMs = 30_000;
    connector.delayWhen = (text) => /approved by/.test(text);
    const first = await approvedOnFirstBot(request);
    await eventually(() => stored(request.id)?.status === 'approved', 'the approval');
    await killHard(first.bot);
    expect(received('POST', /\/assign$/)).toBe(0);
    connector.delayMs = 0;

    await startBot();
    await ends(request);

    expect(applied()).toHaveLength(1);
    expect(groupsInIntune()).toEqual([G.sales]);
  });

  test('killed while reading the assignments before the write: the next bot writes once', async () => {
    const request = await submitted(G.sales, 'Sales');
    // The read before the write: the app with its assignments expanded, inside a $batch.
    sim.control.addFault({ method: 'GET', path: `${APP}$`, latencyMs: 60_000, times: 1 });
    const first = await approvedOnFirstBot(request);
    await eventually(
      () => received('GET', new RegExp(`${APP}\\?.*expand=assignments`)) > 0,
      'the read',
    );
    await killHard(first.bot);

    await startBot();
    await ends(request);

    expect(sim.control.writes().map((w) => w.status)).toEqual([204]);
    expect(groupsInIntune()).toEqual([G.sales]);
  });

  test('killed while a slow write is in flight: it lands late, and a second request approved after the restart still keeps its group', async () => {
    const first = await submitted(G.sales, 'Sales');
    const second = await submitted(G.marketing, 'Marketing');
    sim.control.addFault({ method: 'POST', path: '/assign$', latencyMs: 6000, times: 1 });
    const a = await approvedOnFirstBot(first);
    await eventually(() => received('POST', /\/assign$/) === 1, 'the first write to leave');
    await killHard(a.bot);

    const b = await startBot();
    expect((await approve(b.teams, second)).status).toBe(200);
    await ends(first);
    await ends(second);
    const posted = () => received('POST', /\/assign$/);
    await eventually(() => sim.control.writes().length === posted(), 'every write to land', 15_000);

    // The first write landed late (at 6 s); the second was written only after it could no longer.
    expect(applied()).toHaveLength(2);
    expect(groupsInIntune()).toEqual([G.sales, G.marketing].sort());
    expect(stored(first.id)?.outcome?.alreadyAssigned).toBe(true);
    expect(stored(second.id)?.outcome?.graphRequestId).toBe(applied()[1]!.requestId);
  });

  test('killed while reading the set back after the write: the next bot finds it in place and writes nothing', async () => {
    const request = await submitted(G.sales, 'Sales');
    // The read before the write expands the assignments; the check after it lists them.
    sim.control.addFault({
      method: 'GET',
      path: `${APP}/assignments$`,
      latencyMs: 60_000,
      times: 1,
    });
    const first = await approvedOnFirstBot(request);
    await eventually(() => received('GET', new RegExp(`${APP}/assignments`)) === 1, 'the check');
    await killHard(first.bot);
    expect(applied()).toHaveLength(1);

    await startBot();
    await ends(request);

    expect(applied()).toHaveLength(1);
    expect(stored(request.id)).toMatchObject({ outcome: { alreadyAssigned: true }, attempts: 2 });
    expect(groupsInIntune()).toEqual([G.sales]);
  });

  test('killed after the outcome was stored, while telling people: nothing is written again', async () => {
    const request = await submitted(G.sales, 'Sales');
    connector.delayMs = 30_000;
    connector.delayWhen = (text) => /is done/.test(text);
    const first = await approvedOnFirstBot(request);
    await ends(request);
    await killHard(first.bot);
    connector.delayMs = 0;

    await startBot();
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(stored(request.id)?.status).toBe('assigned');
    expect(applied()).toHaveLength(1);
    expect(groupsInIntune()).toEqual([G.sales]);
  });

  test('killed while waiting for Intune Multi Admin Approval: the next bot polls, and replays once approved', async () => {
    sim.control.settings({ multiAdminApproval: true });
    const request = await submitted(G.sales, 'Sales');
    const first = await approvedOnFirstBot(request);
    await ends(request, 'awaiting-intune-approval');
    await killHard(first.bot);

    await startBot();
    const code = String(sim.control.approvalRequests()[0]!.request.id);
    sim.control.decideApproval(code, 'approve');
    await ends(request);

    expect(sim.control.writes().map((w) => w.status)).toEqual([403, 204]);
    expect(groupsInIntune()).toEqual([G.sales]);
  });
});
