import type { AssignmentRequest } from '../../src/domain/request';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { eventually } from '../support/e2e';
import { storePendingRequest } from '../support/pending-request';
import {
  PRODUCTION_TENANT,
  productionApp,
  TEAMS_SERVICE_URL,
  type ProductionApp,
} from '../support/production-app';
import { TeamsClient } from '../support/teams-client';

const APP = WELL_KNOWN.apps.win32Unassigned;
const G = WELL_KNOWN.groups;
const APPROVER = {
  aadObjectId: WELL_KNOWN.users.approver1,
  name: 'Patti Fernandez',
  mri: '29:patti',
};

/**
 * The write fence in production mode: a bot with an app id, validated tokens and SQLite (Graph is
 * the simulated tenant only because Microsoft Graph is out of reach). A write that times out and
 * lands late must not erase a second request's group for the same app.
 */
describe('production mode: the write fence holds', () => {
  let p: ProductionApp;
  let teams: TeamsClient;

  beforeAll(async () => {
    p = await productionApp({ GRAPH_ATTEMPT_TIMEOUT_MS: '800', GRAPH_WRITE_LIFETIME_MS: '3000' });
    teams = new TeamsClient({
      botUrl: p.teams.options.botUrl,
      serviceUrl: TEAMS_SERVICE_URL,
      tenantId: PRODUCTION_TENANT,
    });
  });
  afterAll(() => p.close());

  const pending = (groupId: string, groupName: string) =>
    storePendingRequest(p.app.store, p.app.graph.intune, {
      tenantId: PRODUCTION_TENANT,
      groupId,
      groupName,
    });

  const approve = (request: AssignmentRequest) =>
    teams.post(
      teams.activity(APPROVER, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'request.approve',
            data: { requestId: request.id },
          },
          trigger: 'manual',
        },
      }),
      { authorization: `Bearer ${p.token()}` },
    );

  const statusOf = async (request: AssignmentRequest) =>
    (await p.app.store.get(request.id))?.status;

  test('a write that times out and lands late does not erase a second request approved meanwhile', async () => {
    const first = await pending(G.sales, 'Sales');
    const second = await pending(G.marketing, 'Marketing');
    p.sim.control.addFault({ method: 'POST', path: '/assign$', latencyMs: 2000, times: 1 });

    expect((await approve(first)).status).toBe(200);
    await eventually(
      () => p.sim.control.requests().some((r) => r.method === 'POST'),
      'the first write',
    );
    expect((await approve(second)).status).toBe(200);
    await eventually(async () => (await statusOf(first)) === 'assigned', 'the first', 15_000);
    await eventually(async () => (await statusOf(second)) === 'assigned', 'the second', 15_000);

    const posts = p.sim.control
      .requests()
      .filter((r) => r.method === 'POST' && /\/assign$/.test(r.url));
    await eventually(() => p.sim.control.writes().length === posts.length, 'every write to land');
    const groups = (p.sim.control.tenant().appAssignments.get(APP) ?? []).map(
      (a) => (a.target as { groupId?: string }).groupId,
    );
    expect(groups.sort()).toEqual([G.sales, G.marketing].sort());
    expect(p.sim.control.writes().map((w) => w.status)).toEqual([204, 204]);
  }, 30_000);
});
