import { displayId, type AssignmentRequest } from '../../src/domain/request';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { eventually } from '../support/e2e';
import { killHard } from '../support/bot-process';
import { startPair, type Pair } from './two-instances';

const A = WELL_KNOWN.apps;
const G = WELL_KNOWN.groups;

/**
 * kill -9 of one of two instances with five requests each held in a different phase of its
 * assignment; the other instance takes each over once its lease expires (15 s) and finishes it,
 * and every app ends with exactly its former assignments plus the requested group.
 */
describe('one of two instances killed with kill -9 in every phase of an assignment', () => {
  let p: Pair;
  beforeEach(async () => {
    p = await startPair();
  }, 60_000);
  afterEach(() => p.close(), 30_000);

  const received = (method: string, path: string) =>
    p.sim.control.requests().filter((r) => r.method === method && r.url.includes(path)).length;

  const status = async (request: AssignmentRequest) => p.statusOf(request);

  test('the other instance finishes every request, each app written once, nothing lost', async () => {
    const apps = [A.win32Unassigned, A.officeSuite, A.winGet, A.iosStore, A.macOSLob];
    const before = new Map(apps.map((app) => [app, p.groupsOf(app)]));
    const [notifying, reading, writing, checking, held] = await Promise.all(
      apps.map((app) => p.pending(G.marketing, 'Marketing', app)),
    );
    p.sim.control.clearRequests();

    // Multi Admin Approval holds the first write; the request waits for an Intune admin on A.
    p.sim.control.settings({ multiAdminApproval: true });
    expect((await p.approve(p.a, held!)).status).toBe(200);
    await eventually(async () => (await status(held!)) === 'awaiting-intune-approval', 'held');
    p.sim.control.settings({ multiAdminApproval: false });

    p.connector.delayMs = 60_000;
    p.connector.delayWhen = (text) => text.includes(`${displayId(notifying!)} was approved`);
    // The read before the write: the app with its assignments expanded, inside a $batch.
    p.sim.control.addFault({
      method: 'GET',
      path: `${A.officeSuite}$`,
      latencyMs: 60_000,
      times: 1,
    });
    p.sim.control.addFault({
      method: 'POST',
      path: `${A.winGet}/assign$`,
      latencyMs: 6000,
      times: 1,
    });
    // Listing the assignments is the check after the write (the read before it expands them).
    p.sim.control.addFault({
      method: 'GET',
      path: `${A.iosStore}/assignments$`,
      latencyMs: 60_000,
      times: 1,
    });
    await Promise.all([notifying, reading, writing, checking].map((r) => p.approve(p.a, r!)));
    await eventually(async () => (await status(notifying!)) === 'approved', 'telling people');
    await eventually(() => received('GET', `${A.officeSuite}?`) === 1, 'reading');
    await eventually(() => received('POST', `${A.winGet}/assign`) === 1, 'writing');
    await eventually(() => received('GET', `${A.iosStore}/assignments`) === 1, 'checking');
    await killHard(p.a.bot);
    const killed = Date.now();
    p.connector.delayMs = 0;

    const code = String(p.sim.control.approvalRequests()[0]!.request.id);
    p.sim.control.decideApproval(code, 'approve');
    for (const request of [notifying, reading, writing, checking, held]) {
      await eventually(async () => (await status(request!)) === 'assigned', request!.id, 60_000);
    }
    process.stdout.write(
      `  [two instances] after kill -9 of one, the other finished 5 requests in ${Date.now() - killed} ms\n`,
    );

    for (const app of apps) {
      expect(p.groupsOf(app)).toEqual([...before.get(app)!, G.marketing].sort());
    }
    const applied = p.sim.control.writes().filter((w) => w.status === 204);
    for (const app of apps) {
      expect(applied.filter((w) => w.path.includes(app))).toHaveLength(1);
    }
    expect((await p.store.get(writing!.id))?.outcome?.alreadyAssigned).toBe(true);
  }, 120_000);
});
