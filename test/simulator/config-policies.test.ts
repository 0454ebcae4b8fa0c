import { TINY } from '../fixtures/tiny-tenant';
import {
  configAssignPath,
  exclusionTarget,
  get,
  groupTarget,
  pluck,
  post,
  useTinySimulator,
} from './sim-client';

const sim = useTinySimulator();

const CONFIGS = '/beta/deviceAppManagement/mobileAppConfigurations';
const IOS = TINY.configs.ios;
const entry = (target: object) => ({
  '@odata.type': '#microsoft.graph.managedDeviceMobileAppConfigurationAssignment',
  target,
});

describe('app configuration policies', () => {
  it('lists policies with $expand=assignments, $select and $top paging', async () => {
    const res = await get(sim(), `${CONFIGS}?$expand=assignments&$select=displayName&$top=1`);
    expect(res.body.value).toEqual([
      expect.objectContaining({
        id: IOS,
        displayName: 'Outlook iOS config',
        assignments: expect.any(Array),
      }),
    ]);
    expect(res.body.value?.[0]?.targetedMobileApps).toBeUndefined();
    const next = await get(sim(), String(res.body['@odata.nextLink']));
    expect(pluck(next, 'id')).toEqual([TINY.configs.android]);
    expect(next.body['@odata.nextLink']).toBeUndefined();
  });

  it('filters policies with startswith', async () => {
    const res = await get(
      sim(),
      `${CONFIGS}?$filter=${encodeURIComponent("startswith(displayName,'teams')")}`,
    );
    expect(pluck(res, 'id')).toEqual([TINY.configs.android]);
  });

  it('reads one policy and its assignments, and 404s an unknown one', async () => {
    expect((await get(sim(), `${CONFIGS}/${IOS}`)).body.displayName).toBe('Outlook iOS config');
    const assignments = await get(sim(), `${CONFIGS}/${IOS}/assignments`);
    expect(assignments.body.value?.[0]?.target).toMatchObject({
      deviceAndAppManagementAssignmentFilterId: TINY.filters.iosCorporate,
    });
    expect((await get(sim(), `${CONFIGS}/nope`)).status).toBe(404);
  });

  it('shows v1.0 only the policy types it has, without filter properties', async () => {
    const res = await get(
      sim(),
      '/v1.0/deviceAppManagement/mobileAppConfigurations?$expand=assignments',
    );
    expect(pluck(res, 'id')).toEqual([IOS]);
    const [first] = res.body.value?.[0]?.assignments as Record<string, unknown>[];
    expect(first?.target).toEqual({
      '@odata.type': '#microsoft.graph.groupAssignmentTarget',
      groupId: TINY.groups.sales,
    });
  });

  it('assigns on the cast path, replacing the set', async () => {
    const body = {
      assignments: [
        entry(groupTarget(TINY.groups.finance)),
        entry(exclusionTarget(TINY.groups.contractors)),
      ],
    };
    expect((await post(sim(), configAssignPath('beta', IOS), body)).status).toBe(204);
    const stored = sim().control.tenant().configAssignments.get(IOS) ?? [];
    expect(stored.map((a) => a.id)).toEqual([
      `${IOS}_${TINY.groups.finance}`,
      `${IOS}_${TINY.groups.contractors}`,
    ]);
  });

  it('refuses a schema-invalid policy body (an app intent is not a policy property)', async () => {
    const body = {
      assignments: [{ ...entry(groupTarget(TINY.groups.finance)), intent: 'required' }],
    };
    const res = await post(sim(), configAssignPath('beta', IOS), body);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/intent/);
  });

  it("answers the plain assign path with 400 'No method match route template'", async () => {
    const body = { assignments: [entry(groupTarget(TINY.groups.finance))] };
    const res = await post(sim(), `${CONFIGS}/${IOS}/assign`, body);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe('No method match route template');
    expect(sim().control.tenant().configAssignments.get(IOS)).toHaveLength(2);
  });

  it('lets the plain assign path work when plainConfigAssignFails is off', async () => {
    sim().control.settings({ plainConfigAssignFails: false });
    const body = { assignments: [entry(groupTarget(TINY.groups.finance))] };
    expect((await post(sim(), `${CONFIGS}/${IOS}/assign`, body)).status).toBe(204);
    expect(sim().control.tenant().configAssignments.get(IOS)).toHaveLength(1);
  });
});
