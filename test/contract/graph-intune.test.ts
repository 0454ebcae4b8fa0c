import { WELL_KNOWN } from '../../src/simulator/seed';
import { graphHarness, type GraphHarness } from '../support/graph-harness';
import { describeIntuneContract, type FreeGroup } from './intune.contract';

let h: GraphHarness | undefined;
afterAll(() => h?.close());

/** Two groups of the simulated tenant that the seeded Win32 app is not assigned to. */
function freeGroups(harness: GraphHarness, appId: string): [FreeGroup, FreeGroup] {
  const tenant = harness.sim.control.tenant();
  const used = new Set(
    (tenant.appAssignments.get(appId) ?? []).map((a) => (a.target as { groupId?: string }).groupId),
  );
  const [a, b] = tenant.groups
    .filter((g) => !used.has(g.id))
    .map((g) => ({ id: g.id, name: String(g.displayName) }));
  return [a!, b!];
}

describeIntuneContract('Graph (simulated tenant)', async () => {
  h ??= await graphHarness();
  const harness = h;
  harness.sim.control.reset();
  const appId = WELL_KNOWN.apps.win32;
  const app = harness.sim.control.tenant().apps.find((a) => a.id === appId);
  return {
    intune: harness.graph.intune,
    assignedApp: { id: appId, name: String(app?.displayName) },
    unassignedApp: WELL_KNOWN.apps.win32Unassigned,
    policySetApp: WELL_KNOWN.apps.policySet,
    policy: WELL_KNOWN.configPolicies.ios,
    freeGroups: freeGroups(harness, appId),
    failNextWrite: () =>
      harness.sim.control.addFault({ method: 'POST', path: '/assign$', status: 500, times: 1 }),
  };
});
