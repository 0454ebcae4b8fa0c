import type { IntuneVersion } from '../../src/services/ports/intune';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { graphHarness, type GraphHarness } from '../support/graph-harness';
import { describeIntuneContract, type FreeGroup, type IntuneFixture } from './intune.contract';

const harnesses = new Map<IntuneVersion, GraphHarness>();
afterAll(async () => {
  for (const h of harnesses.values()) await h.close();
});

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

/**
 * Removes the filters from the app's assignments in the tenant: a v1.0 port cannot see them, so
 * it can keep verbatim only an app without them (the service refuses the others).
 */
function withoutFilters(harness: GraphHarness, appId: string): void {
  for (const a of harness.sim.control.tenant().appAssignments.get(appId) ?? []) {
    Object.assign(a.target as object, {
      deviceAndAppManagementAssignmentFilterId: null,
      deviceAndAppManagementAssignmentFilterType: 'none',
    });
  }
}

async function fixture(version: IntuneVersion): Promise<IntuneFixture> {
  const harness = harnesses.get(version) ?? (await graphHarness({ version }));
  // Loaded as the bot loads them at start: a search before that is answered "loading".
  if (!harnesses.has(version)) await harness.graph.intune.start();
  harnesses.set(version, harness);
  harness.sim.control.reset();
  const appId = WELL_KNOWN.apps.win32;
  if (version === 'v1.0') withoutFilters(harness, appId);
  const app = harness.sim.control.tenant().apps.find((a) => a.id === appId);
  return {
    intune: harness.graph.intune,
    version,
    assignedApp: { id: appId, name: String(app?.displayName) },
    unassignedApp: WELL_KNOWN.apps.win32Unassigned,
    policySetApp: WELL_KNOWN.apps.policySet,
    policy: WELL_KNOWN.configPolicies.ios,
    freeGroups: freeGroups(harness, appId),
    failNextWrite: () =>
      harness.sim.control.addFault({ method: 'POST', path: '/assign$', status: 500, times: 1 }),
    requireApproval: () => harness.sim.control.settings({ multiAdminApproval: true }),
    decide: (code, decision) => harness.sim.control.decideApproval(code, decision),
  };
}

describeIntuneContract('Graph beta (simulated tenant)', () => fixture('beta'));
describeIntuneContract('Graph v1.0 (simulated tenant)', () => fixture('v1.0'));
