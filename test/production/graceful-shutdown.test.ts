import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { FakeConnector } from '../fakes/fake-connector';
import type { BotHarness } from '../support/bot-harness';
import { startBotProcess } from '../support/bot-process';
import { TeamsClient } from '../support/teams-client';
import { walkWizard, ZOOM_TO_SALES } from '../support/walk';

const TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';

describe('graceful shutdown', () => {
  let sim: SimulatorHandle;
  let connector: FakeConnector;
  beforeAll(async () => {
    sim = await startSimulator({ tenant: createTenant(), port: 0 });
    connector = new FakeConnector();
    await connector.start();
  });
  afterAll(async () => {
    await connector.stop();
    await sim.close();
  });

  test('SIGTERM during an assignment lets it finish, and the process exits within ten seconds', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'sigterm-')), 'requests.db');
    const { child, url, lines } = await startBotProcess({
      GRAPH_BASE_URL: sim.url,
      APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
      ALLOWED_TENANT_ID: TENANT,
      SQLITE_PATH: db,
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    const teams = new TeamsClient({ botUrl: url, serviceUrl: connector.url, tenantId: TENANT });
    const approver = {
      aadObjectId: WELL_KNOWN.users.approver1,
      name: 'Patti Fernandez',
      mri: '29:patti',
    };
    const requester = {
      aadObjectId: WELL_KNOWN.users.requester,
      name: 'Megan Bowen',
      mri: '29:megan',
    };
    await teams.say(approver, 'help');
    const walked = await walkWizard(
      { teams, connector } as unknown as BotHarness,
      requester,
      ZOOM_TO_SALES,
    );

    // The write will take three seconds; the signal comes while it is in flight.
    sim.control.addFault({ method: 'POST', path: '/assign$', latencyMs: 3000, times: 1 });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.on('exit', (code) => resolve({ code, at: Date.now() })),
    );
    const answer = await teams.execute(approver, 'request.approve', {
      requestId: walked.requestId,
    });
    expect(answer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const { code, at } = await exited;

    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(10_000);
    expect(at - signalled).toBeGreaterThan(2_000);
    expect(sim.control.writes().filter((w) => w.status === 204)).toHaveLength(1);
    const store = new SqliteRequestStore({ path: db });
    const stored = await store.get(walked.requestId);
    await store.close();
    expect(stored?.status).toBe('assigned');
    expect(lines.some((l) => l.includes('stopping: finishing in-flight work'))).toBe(true);
  }, 40_000);
});
