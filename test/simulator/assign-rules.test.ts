import { TINY } from '../fixtures/tiny-tenant';
import {
  ALL_DEVICES_TARGET,
  ALL_USERS_TARGET,
  appAssignment,
  appPath,
  exclusionTarget,
  get,
  groupTarget,
  post,
  useTinySimulator,
  WIN32_SETTINGS,
} from './sim-client';

const sim = useTinySimulator();

const G = TINY.groups;
const assignWin32 = (body: unknown, version: 'beta' | 'v1.0' = 'beta') =>
  post(sim(), appPath(version, TINY.apps.win32, '/assign'), body);
const set = (...entries: object[]) => ({ mobileAppAssignments: entries });
const include = (groupId: string, intent = 'required') =>
  appAssignment(groupTarget(groupId), intent, WIN32_SETTINGS);

async function expectRefused(
  body: unknown,
  message: RegExp | string,
  appId: string = TINY.apps.win32,
) {
  const before = structuredClone(sim().control.tenant().appAssignments.get(appId));
  const res = await post(sim(), appPath('beta', appId, '/assign'), body);
  expect(res.status).toBe(400);
  expect(res.body.error?.code).toBe('BadRequest');
  expect(res.body.error?.message).toEqual(
    typeof message === 'string' ? message : expect.stringMatching(message),
  );
  expect(res.body.error?.innerError['request-id']).toBe(res.headers.get('request-id'));
  expect(sim().control.tenant().appAssignments.get(appId)).toEqual(before);
}

describe('assign bodies the official schema rejects', () => {
  it('refuses the legacy mobileAppGroupAssignments body', async () => {
    await expectRefused(
      { mobileAppGroupAssignments: [{ targetGroupId: G.sales }] },
      /mobileAppGroupAssignments/,
    );
  });

  it('refuses a target without @odata.type', async () => {
    await expectRefused(set(appAssignment({ groupId: G.sales }, 'required')), /@odata.type/);
  });

  it("refuses the intent 'notApplicable'", async () => {
    await expectRefused(set(appAssignment(groupTarget(G.sales), 'notApplicable')), /intent/);
  });

  it('refuses an unknown property on an assignment', async () => {
    await expectRefused(set({ ...include(G.sales), priority: 1 }), /priority/);
  });
});

describe("Intune's service rules for assign", () => {
  it("refuses settings on an exclusion target with Intune's exact message", async () => {
    await expectRefused(
      set(appAssignment(exclusionTarget(G.contractors), 'required', WIN32_SETTINGS)),
      'Exclusion assignment does not support MobileAppAssignment Settings.',
    );
  });

  it('refuses the same group twice, include or exclude', async () => {
    await expectRefused(set(include(G.sales), include(G.sales, 'available')), /only once/);
    await expectRefused(
      set(include(G.sales), appAssignment(exclusionTarget(G.sales), 'required')),
      /only once/,
    );
  });

  it('refuses All users twice and All devices twice', async () => {
    const users = appAssignment(ALL_USERS_TARGET, 'available', WIN32_SETTINGS);
    await expectRefused(
      set(users, users),
      'Assignment 2 repeats a target: All users may appear only once.',
    );
    const devices = appAssignment(ALL_DEVICES_TARGET, 'required', WIN32_SETTINGS);
    await expectRefused(set(devices, devices), /All devices may appear only once/);
  });

  it('refuses an unpublished app', async () => {
    await expectRefused(
      set(include(G.sales)),
      /only published apps can be assigned/,
      TINY.apps.unpublished,
    );
  });

  it('refuses a filter type without a filter id, and an unknown filter id', async () => {
    const noId = { ...groupTarget(G.sales), deviceAndAppManagementAssignmentFilterType: 'include' };
    await expectRefused(
      set(appAssignment(noId, 'required', WIN32_SETTINGS)),
      /needs a deviceAndAppManagementAssignmentFilterId/,
    );
    const unknown = groupTarget(G.sales, {
      id: '11111111-1111-4111-8111-111111111111',
      type: 'exclude',
    });
    await expectRefused(
      set(appAssignment(unknown, 'required', WIN32_SETTINGS)),
      /filter .* was not found/,
    );
  });

  it('refuses an unknown group, available on All devices and settings of another app type', async () => {
    await expectRefused(
      set(include('22222222-2222-4222-8222-222222222222')),
      /was not found in the directory/,
    );
    await expectRefused(
      set(appAssignment(ALL_DEVICES_TARGET, 'available', WIN32_SETTINGS)),
      /cannot target All devices/,
    );
    const vpp = {
      '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
      useDeviceLicensing: true,
    };
    await expectRefused(set(appAssignment(groupTarget(G.sales), 'required', vpp)), /do not apply/);
  });
});

describe('what an accepted assign does', () => {
  it('accepts every existing set re-posted verbatim, less id, source and sourceId', async () => {
    const tenant = sim().control.tenant();
    for (const app of tenant.apps.filter((a) => a.publishingState === 'published')) {
      const current = tenant.appAssignments.get(app.id) ?? [];
      const body = set(...current.map(({ id: _id, source: _s, sourceId: _si, ...rest }) => rest));
      const res = await post(sim(), appPath('beta', app.id, '/assign'), body);
      expect([app.displayName, res.status]).toEqual([app.displayName, 204]);
    }
  });

  it('answers 404 for an assign to an unknown app', async () => {
    const res = await post(
      sim(),
      appPath('beta', '33333333-3333-4333-8333-333333333333', '/assign'),
      set(),
    );
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('ResourceNotFound');
  });

  it('replaces the whole set, with Intune-style ids, source direct and 204 without a body', async () => {
    const res = await assignWin32(
      set(
        appAssignment(
          groupTarget(G.finance, { id: TINY.filters.windowsCorporate, type: 'include' }),
          'available',
          WIN32_SETTINGS,
        ),
        appAssignment(exclusionTarget(G.contractors), 'available'),
        appAssignment(ALL_DEVICES_TARGET, 'required', WIN32_SETTINGS),
      ),
    );
    expect(res.status).toBe(204);
    expect(res.body).toEqual({});
    const after = await get(sim(), appPath('beta', TINY.apps.win32, '/assignments'));
    expect(after.body.value?.map((a) => [a.id, a.source, a.sourceId])).toEqual([
      [`${G.finance}_0_0`, 'direct', null],
      [`${G.contractors}_0_1`, 'direct', null],
      ['adadadad-808e-44e2-905a-0b7873a8a531_1_0', 'direct', null],
    ]);
    expect(after.body.value?.[0]?.target).toMatchObject({
      deviceAndAppManagementAssignmentFilterType: 'include',
    });
  });

  it('keeps a source a beta body posted', async () => {
    const entry = { ...include(G.allStaff), source: 'policySets', sourceId: TINY.policySetId };
    expect((await assignWin32(set(entry))).status).toBe(204);
    const stored = sim().control.tenant().appAssignments.get(TINY.apps.win32);
    expect(stored?.[0]).toMatchObject({ source: 'policySets', sourceId: TINY.policySetId });
  });

  it('deletes every assignment on an empty array, updates isAssigned and records the write', async () => {
    expect((await assignWin32(set())).status).toBe(204);
    expect(sim().control.tenant().appAssignments.get(TINY.apps.win32)).toEqual([]);
    const app = await get(sim(), appPath('beta', TINY.apps.win32));
    expect(app.body.isAssigned).toBe(false);
    const [write] = sim().control.writes();
    expect(write).toMatchObject({
      method: 'POST',
      version: 'beta',
      path: `/deviceAppManagement/mobileApps/${TINY.apps.win32}/assign`,
      body: { mobileAppAssignments: [] },
      status: 204,
    });
    expect(write?.headers.authorization).toBe('Bearer [REDACTED]');
  });

  it('records refused writes too', async () => {
    await assignWin32({ mobileAppGroupAssignments: [] });
    expect(
      sim()
        .control.writes()
        .map((w) => w.status),
    ).toEqual([400]);
    sim().control.clearWrites();
    expect(sim().control.writes()).toEqual([]);
  });
});
