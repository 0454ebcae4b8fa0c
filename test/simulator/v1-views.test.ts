import { TINY } from '../fixtures/tiny-tenant';
import {
  appAssignment,
  appPath,
  get,
  groupTarget,
  pluck,
  post,
  useTinySimulator,
  WIN32_SETTINGS,
} from './sim-client';

const sim = useTinySimulator();

describe('the v1.0 view of the tenant', () => {
  it('lists only the app types the v1.0 metadata has and 404s the others by id', async () => {
    const res = await get(sim(), '/v1.0/deviceAppManagement/mobileApps');
    const ids = pluck(res, 'id');
    expect(ids).toHaveLength(6);
    for (const betaOnly of [
      TINY.apps.officeSuite,
      TINY.apps.winGet,
      TINY.apps.androidManagedStore,
    ]) {
      expect(ids).not.toContain(betaOnly);
      expect((await get(sim(), appPath('v1.0', betaOnly))).status).toBe(404);
    }
  });

  it('omits beta-only app properties such as isAssigned, and refuses them in $select', async () => {
    const app = await get(sim(), appPath('v1.0', TINY.apps.win32));
    expect(app.body.isAssigned).toBeUndefined();
    expect(app.body.roleScopeTagIds).toBeUndefined();
    expect(app.body.fileName).toBe('vpn.intunewin');
    const select = await get(sim(), '/v1.0/deviceAppManagement/mobileApps?$select=isAssigned');
    expect(select.status).toBe(400);
  });

  it('omits filter properties, source and sourceId from assignments', async () => {
    const res = await get(sim(), appPath('v1.0', TINY.apps.win32, '/assignments'));
    const [first] = res.body.value ?? [];
    expect(first).toEqual({
      '@odata.type': '#microsoft.graph.mobileAppAssignment',
      id: `${TINY.groups.sales}_1_0`,
      intent: 'required',
      target: {
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        groupId: TINY.groups.sales,
      },
      settings: {
        '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
        notifications: 'showAll',
        deliveryOptimizationPriority: 'notConfigured',
        installTimeSettings: null,
        restartSettings: null,
        autoUpdateSettings: null,
      },
    });
  });

  it('rejects an assign body with filter properties against the v1.0 schema', async () => {
    const body = {
      mobileAppAssignments: [
        appAssignment(
          groupTarget(TINY.groups.sales, { id: TINY.filters.windowsCorporate, type: 'include' }),
          'required',
          WIN32_SETTINGS,
        ),
      ],
    };
    const res = await post(sim(), appPath('v1.0', TINY.apps.win32, '/assign'), body);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/deviceAndAppManagementAssignmentFilterId/);
  });

  it('drops every filter when a v1.0 read-merge-write re-posts the set (the SPEC 1 hazard)', async () => {
    const read = await get(sim(), appPath('v1.0', TINY.apps.win32, '/assignments'));
    const body = {
      mobileAppAssignments: (read.body.value ?? []).map(({ id: _id, ...rest }) => rest),
    };
    expect((await post(sim(), appPath('v1.0', TINY.apps.win32, '/assign'), body)).status).toBe(204);
    const after = await get(sim(), appPath('beta', TINY.apps.win32, '/assignments'));
    expect(after.body.value).toHaveLength(4);
    for (const a of after.body.value ?? []) {
      expect(a.target).toMatchObject({
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: 'none',
      });
      expect(a.source).toBe('direct');
    }
  });

  it('drops beta-only settings and turns policy-set assignments direct on a v1.0 re-post (the issue 10 defects)', async () => {
    const repost = async (appId: string) => {
      const read = await get(sim(), appPath('v1.0', appId, '/assignments'));
      const body = {
        mobileAppAssignments: (read.body.value ?? []).map(({ id: _id, ...rest }) => rest),
      };
      expect((await post(sim(), appPath('v1.0', appId, '/assign'), body)).status).toBe(204);
      return (await get(sim(), appPath('beta', appId, '/assignments'))).body.value ?? [];
    };
    const vppBefore = await get(sim(), appPath('beta', TINY.apps.iosVpp, '/assignments'));
    expect(vppBefore.body.value?.[0]?.settings).toMatchObject({ isRemovable: true });
    const vpp = await repost(TINY.apps.iosVpp);
    expect(vpp[0]?.settings).toEqual({
      '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
      useDeviceLicensing: true,
      vpnConfigurationId: null,
    });
    const fromSet = await repost(TINY.apps.policySet);
    expect(fromSet.map((a) => a.source)).toEqual(['direct', 'direct']);
  });

  it('404s a v1.0 assign to an app whose type v1.0 lacks', async () => {
    const res = await post(sim(), appPath('v1.0', TINY.apps.officeSuite, '/assign'), {
      mobileAppAssignments: [],
    });
    expect(res.status).toBe(404);
    expect(sim().control.tenant().appAssignments.get(TINY.apps.officeSuite)).toHaveLength(1);
  });

  it('has no assignment filters on v1.0', async () => {
    const v1 = await get(sim(), '/v1.0/deviceManagement/assignmentFilters');
    expect(v1.status).toBe(400);
    expect(v1.body.error?.message).toBe("Resource not found for the segment 'assignmentFilters'.");
    const beta = await get(
      sim(),
      '/beta/deviceManagement/assignmentFilters?$select=displayName,platform',
    );
    expect(pluck(beta, 'platform')).toEqual(['windows10AndLater', 'iOS']);
    const one = await get(
      sim(),
      `/beta/deviceManagement/assignmentFilters/${TINY.filters.iosCorporate}`,
    );
    expect(one.body.displayName).toBe('iOS corporate devices');
  });
});
