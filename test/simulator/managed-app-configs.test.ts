import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { TINY_MANAGED_APP_CONFIGS as M } from '../fixtures/tiny-managed-app-configs';
import { TINY } from '../fixtures/tiny-tenant';
import {
  ALL_DEVICES_TARGET,
  ALL_USERS_TARGET,
  exclusionTarget,
  get,
  groupTarget,
  pluck,
  post,
  useTinySimulator,
} from './sim-client';

const sim = useTinySimulator();

const BASE = 'deviceAppManagement/targetedManagedAppConfigurations';
const beta = (suffix = '') => `/beta/${BASE}${suffix}`;
const assignPath = (version: 'beta' | 'v1.0', id: string) => `/${version}/${BASE}/${id}/assign`;
const entry = (target: object) => ({
  '@odata.type': '#microsoft.graph.targetedManagedAppPolicyAssignment',
  target,
});
const stored = (id: string) => sim().control.tenant().managedAppConfigAssignments.get(id) ?? [];

describe('app configuration policies for managed apps', () => {
  it('lists the policies with their apps and assignments expanded', async () => {
    const res = await get(sim(), beta('?$expand=apps,assignments'));
    expect(res.status).toBe(200);
    expect(pluck(res, 'displayName')).toEqual([
      'Outlook managed apps config',
      'Edge managed apps config',
    ]);
    const outlook = res.body.value?.[0] as { apps: unknown[]; assignments: unknown[] };
    expect(outlook.apps).toHaveLength(1);
    expect(outlook.assignments).toHaveLength(2);
  });

  it('leaves apps and assignments out unless they are expanded, and refuses an unknown $select', async () => {
    const res = await get(sim(), beta('?$select=displayName'));
    expect(res.body.value?.[0]).toEqual({
      '@odata.type': '#microsoft.graph.targetedManagedAppConfiguration',
      id: M.outlook,
      displayName: 'Outlook managed apps config',
    });
    expect((await get(sim(), beta('?$select=packageId'))).status).toBe(400);
  });

  it('reads one policy and its assignments in beta, and 404s an unknown one', async () => {
    const one = await get(sim(), beta(`/${M.outlook}?$expand=assignments`));
    expect(one.body.displayName).toBe('Outlook managed apps config');
    const assignments = await get(sim(), beta(`/${M.outlook}/assignments`));
    expect(assignments.body.value).toEqual([
      expect.objectContaining({
        source: 'direct',
        target: expect.objectContaining({ groupId: TINY.groups.sales }),
      }),
      expect.objectContaining({
        target: expect.objectContaining({
          '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
          groupId: TINY.groups.contractors,
        }),
      }),
    ]);
    const missing = await get(sim(), beta('/d0000001-0000-4000-8000-00000000ffff'));
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('ResourceNotFound');
  });

  it('shows v1.0 the assignments without source or filter properties, as its schema has them', async () => {
    const res = await get(sim(), `/v1.0/${BASE}/${M.outlook}/assignments`);
    expect(res.body.value?.[0]).toEqual({
      '@odata.type': '#microsoft.graph.targetedManagedAppPolicyAssignment',
      id: `${TINY.groups.sales}_0`,
      target: {
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        groupId: TINY.groups.sales,
      },
    });
    const reposted = (res.body.value ?? []).map(({ id: _id, ...rest }) => rest);
    expect(
      validateAgainstGraphSchema('v1.0', 'targetedManagedAppConfiguration_assign_request', {
        assignments: reposted,
      }).errors,
    ).toEqual([]);
  });

  it('assigns a full set in beta and in v1.0, replacing the set', async () => {
    const body = {
      assignments: [
        entry(groupTarget(TINY.groups.finance)),
        entry(exclusionTarget(TINY.groups.contractors)),
      ],
    };
    expect((await post(sim(), assignPath('beta', M.outlook), body)).status).toBe(204);
    expect(stored(M.outlook).map((a) => a.id)).toEqual([
      `${TINY.groups.finance}_0`,
      `${TINY.groups.contractors}_1`,
    ]);
    const v1 = { assignments: [entry(groupTarget(TINY.groups.marketing))] };
    expect((await post(sim(), assignPath('v1.0', M.edge), v1)).status).toBe(204);
    expect(stored(M.edge)).toEqual([
      expect.objectContaining({
        source: 'direct',
        target: expect.objectContaining({ deviceAndAppManagementAssignmentFilterType: 'none' }),
      }),
    ]);
  });

  it('refuses a schema-invalid body with Graph’s error and changes nothing', async () => {
    const before = structuredClone(stored(M.outlook));
    const withIntent = {
      assignments: [{ ...entry(groupTarget(TINY.groups.finance)), intent: 'required' }],
    };
    const res = await post(sim(), assignPath('beta', M.outlook), withIntent);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('BadRequest');
    expect(res.body.error?.message).toMatch(/targetedManagedAppConfiguration_assign body.*intent/);
    const legacy = { mobileAppAssignments: [entry(groupTarget(TINY.groups.finance))] };
    expect((await post(sim(), assignPath('beta', M.outlook), legacy)).status).toBe(400);
    const filterInV1 = {
      assignments: [
        entry(groupTarget(TINY.groups.finance, { id: TINY.filters.iosCorporate, type: 'include' })),
      ],
    };
    expect((await post(sim(), assignPath('v1.0', M.outlook), filterInV1)).status).toBe(400);
    expect(stored(M.outlook)).toEqual(before);
  });

  it.each([
    ['All devices', ALL_DEVICES_TARGET],
    ['All users', ALL_USERS_TARGET],
  ])('refuses %s as a target: these policies go to groups only', async (_name, target) => {
    const res = await post(sim(), assignPath('beta', M.edge), { assignments: [entry(target)] });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/use a group or an excluded group/);
    expect(stored(M.edge)).toEqual([]);
  });

  it('refuses a device assignment filter and a repeated group', async () => {
    const filtered = entry(
      groupTarget(TINY.groups.finance, { id: TINY.filters.iosCorporate, type: 'include' }),
    );
    const res = await post(sim(), assignPath('beta', M.edge), { assignments: [filtered] });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/filters are not supported/);
    const twice = {
      assignments: [
        entry(groupTarget(TINY.groups.finance)),
        entry(exclusionTarget(TINY.groups.finance)),
      ],
    };
    expect((await post(sim(), assignPath('beta', M.edge), twice)).status).toBe(400);
    expect(stored(M.edge)).toEqual([]);
  });

  it('records the write for the playground and the tests', async () => {
    const body = { assignments: [entry(groupTarget(TINY.groups.finance))] };
    await post(sim(), assignPath('beta', M.edge), body);
    expect(sim().control.writes()).toEqual([
      expect.objectContaining({ path: `/${BASE}/${M.edge}/assign`, status: 204 }),
    ]);
  });
});

describe('the seeded tenant’s app configuration policies for managed apps', () => {
  const tenant = createTenant();
  const W = WELL_KNOWN.managedAppConfigs;

  test('Outlook includes Sales and excludes Pilot users, Teams includes Marketing, Edge has none', () => {
    const targets = (id: string) =>
      (tenant.managedAppConfigAssignments.get(id) ?? []).map((a) => a.target);
    expect(targets(W.outlook)).toEqual([
      expect.objectContaining({ groupId: WELL_KNOWN.groups.sales }),
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
        groupId: WELL_KNOWN.groups.pilotUsers,
      }),
    ]);
    expect(targets(W.teams)).toEqual([
      expect.objectContaining({ groupId: WELL_KNOWN.groups.marketing }),
    ]);
    expect(targets(W.edge)).toEqual([]);
    expect(tenant.managedAppConfigs.length).toBeGreaterThan(3);
  });

  test('every seeded set is a valid beta assign body on existing groups, never All users or All devices', () => {
    const groups = new Set(tenant.groups.map((g) => g.id));
    for (const [, assignments] of tenant.managedAppConfigAssignments) {
      expect(
        validateAgainstGraphSchema('beta', 'targetedManagedAppConfiguration_assign_request', {
          assignments,
        }).errors,
      ).toEqual([]);
      for (const a of assignments) {
        expect(groups.has(String((a.target as { groupId?: string }).groupId))).toBe(true);
      }
    }
  });

  test('an OEMConfig profile is seeded among the managed device policies, marked as one', () => {
    expect(
      tenant.configPolicies.find((p) => p.id === WELL_KNOWN.configPolicies.oemConfig),
    ).toMatchObject({
      '@odata.type': '#microsoft.graph.androidManagedStoreAppConfiguration',
      displayName: 'Zebra OEMConfig - Warehouse scanners',
      appSupportsOemConfig: true,
    });
  });
});
