import type { AssignmentRequest } from '../../src/domain/request';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { maxInWindow } from '../../bench/burst-records';
import { storePendingRequest } from '../support/pending-request';
import {
  clickInThread,
  dmTexts,
  eventually,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
} from '../support/e2e';
import { TENANT_ID } from '../support/bot-harness';
import { ZOOM_TO_SALES } from '../support/walk';

/** Intune's limits made small, so a burst of six approvals goes over them at once. */
const LIMITS = { appWrites: 3, tenantWrites: 6, requests: 120, windowMs: 20_000 };

const A = WELL_KNOWN.apps;
const G = WELL_KNOWN.groups;
/** Five stored requests on three apps, each to a group the app is not assigned to. */
const STORED = [
  { appId: A.win32Unassigned, groupId: G.sales, groupName: 'Sales' },
  { appId: A.iosVpp, groupId: G.marketing, groupName: 'Marketing' },
  { appId: A.webApp, groupId: G.engineering, groupName: 'Engineering' },
  { appId: A.win32Unassigned, groupId: G.marketing, groupName: 'Marketing' },
  { appId: A.iosVpp, groupId: G.engineering, groupName: 'Engineering' },
];

const groupsOf = (sim: SimulatorHandle, appId: string) =>
  (sim.control.tenant().appAssignments.get(appId) ?? []).map((a) => JSON.stringify(a.target ?? {}));

describe("a burst of approvals over Intune's write limit", () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ tenant: createTenant(), port: 0, limits: LIMITS });
  });
  afterAll(() => sim.close());

  const bot = useBot(() => ({
    sim,
    env: { GRAPH_WRITES_PER_20S: '3', GRAPH_REQUESTS_PER_20S: String(LIMITS.requests) },
  }));

  test('gets no 429, loses nothing, and the request whose write waits says once that it is queued', async () => {
    const h = bot();
    const before = new Map(
      [...new Set([...STORED.map((s) => s.appId), A.win32])].map((app) => [
        app,
        groupsOf(sim, app),
      ]),
    );
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const stored: AssignmentRequest[] = [];
    for (const spec of STORED) {
      stored.push(
        await storePendingRequest(h.app.store, h.app.graph.intune, {
          ...spec,
          tenantId: TENANT_ID,
        }),
      );
    }
    sim.control.clearWrites();

    // Three approvals fill the write limit; the other three must wait for places.
    const approve = (r: AssignmentRequest) =>
      h.teams.execute(h.users.approver1, 'request.approve', { requestId: r.id });
    await Promise.all(stored.slice(0, 3).map(approve));
    await eventually(() => sim.control.writes().length >= 3, 'three writes');
    const answers = await Promise.all([
      clickInThread(h, h.users.approver1, 'request.approve', submitted),
      ...stored.slice(3).map(approve),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await eventually(
      async () => (await statusOf(h, submitted.requestId)) === 'assigned',
      'the last write',
      60_000,
    );
    await h.settle();

    expect(sim.control.throttled()).toEqual([]);
    const writes = sim.control.writes();
    expect(writes.map((w) => w.status)).toEqual([204, 204, 204, 204, 204, 204]);
    const most = maxInWindow(
      writes.map((w) => Date.parse(w.at)),
      LIMITS.windowMs,
    );
    expect(most.count).toBeLessThanOrEqual(LIMITS.appWrites);
    for (const r of [...stored, { id: submitted.requestId }]) {
      expect(await statusOf(h, r.id)).toBe('assigned');
    }
    // Every earlier assignment is still there, and every requested group is in.
    for (const [app, earlier] of before) {
      const now = groupsOf(sim, app);
      for (const target of earlier) expect(now).toContain(target);
      const wanted = STORED.filter((s) => s.appId === app).length + (app === A.win32 ? 1 : 0);
      expect(now).toHaveLength(earlier.length + wanted);
    }

    const queued = (texts: string[]) => texts.filter((t) => t.includes(' is queued: '));
    expect(queued(threadReplies(h, submitted.thread))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${submitted.displayId} is queued: Intune allows 3 app writes per 20 s, and this one should go in about \\d+ s\\.$`,
        ),
      ),
    ]);
    const mine = dmTexts(h, h.users.requester).filter((t) => t.includes(submitted.displayId));
    expect(queued(mine)).toEqual([
      expect.stringMatching(new RegExp(`^Your request ${submitted.displayId} is queued: `)),
    ]);
  }, 90_000);
});
