import type { RequestedAssignment } from '../../src/domain/assignment';
import { AppError } from '../../src/domain/errors';
import { planAssignment } from '../../src/services/assignment-plan';
import { waitForIntuneDecision } from '../../src/services/intune-approval';
import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { assignThrough } from '../support/assign-through';
import { graphHarness, type GraphHarness } from '../support/graph-harness';

const { outlook: OUTLOOK, edge: EDGE } = WELL_KNOWN.managedAppConfigs;
const ITEM = { kind: 'managedAppConfig' as const, id: OUTLOOK };
const ENTRY_TYPE = '#microsoft.graph.targetedManagedAppPolicyAssignment';

const withoutReadOnly = (a: GraphObject) =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !['id', 'source', 'sourceId'].includes(k)));

const group = (groupId: string, targetName: string, exclude = false): RequestedAssignment => ({
  target: { kind: 'group', groupId, exclude },
  targetName,
});

const stored = (h: GraphHarness, id: string) =>
  h.sim.control.tenant().managedAppConfigAssignments.get(id) ?? [];

describe('app configuration policies for managed apps through the Intune port (beta)', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
    // Loaded as the bot loads them at start: a search before that is answered "loading".
    await h.graph.intune.start();
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  test('search finds them by name with their platforms and assignment counts; a missing one reads as absent', async () => {
    const found = await h.graph.intune.searchManagedAppConfigs('outlook');
    expect(found).toContainEqual({
      id: OUTLOOK,
      name: 'Outlook - Managed apps settings',
      policyType: 'targetedManagedAppConfiguration',
      platform: 'iOS/iPadOS, Android',
      assignmentCount: 2,
    });
    expect(await h.graph.intune.getManagedAppConfig(EDGE)).toMatchObject({ assignmentCount: 0 });
    expect(
      await h.graph.intune.getManagedAppConfig('00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();
    expect(await h.graph.intune.getManagedAppConfig('../mobileApps')).toBeUndefined();
    expect(await h.graph.intune.searchConfigPolicies('Managed apps settings')).toEqual([]);
  });

  test('an OEMConfig profile is listed with the managed device policies, labelled Android (OEMConfig)', async () => {
    const [oem] = await h.graph.intune.searchConfigPolicies('Zebra OEMConfig');
    expect(oem).toMatchObject({
      id: WELL_KNOWN.configPolicies.oemConfig,
      platform: 'Android (OEMConfig)',
      assignmentCount: 1,
    });
    expect(await h.graph.intune.searchManagedAppConfigs('Zebra')).toEqual([]);
  });

  test('the assignments read map to an include and an exclusion, each keeping Graph’s object', async () => {
    const current = await h.graph.intune.getAssignments(ITEM);
    expect(current.map((a) => a.target)).toEqual([
      { kind: 'group', groupId: WELL_KNOWN.groups.sales, exclude: false },
      { kind: 'group', groupId: WELL_KNOWN.groups.pilotUsers, exclude: true },
    ]);
    expect(current.map((a) => a.payload)).toEqual(stored(h, OUTLOOK));
    expect(current.every((a) => a.intent === undefined && !a.fromPolicySet)).toBe(true);
  });

  test('a new include is posted with the full set, every other entry verbatim, and checked after writing', async () => {
    const before = structuredClone(stored(h, OUTLOOK));
    const result = await assignThrough(
      h.graph.intune,
      ITEM,
      group(WELL_KNOWN.groups.marketing, 'Marketing'),
      { justification: 'Marketing moves to Outlook mobile' },
    );
    expect(result.status).toBe('assigned');
    expect(result.diff.map((d) => d.text)).toEqual(['+ Marketing']);
    const [write] = h.sim.control.writes();
    expect(write?.path).toBe(
      `/deviceAppManagement/targetedManagedAppConfigurations/${OUTLOOK}/assign`,
    );
    const body = write?.body as { assignments: GraphObject[] };
    const schema = 'targetedManagedAppConfiguration_assign_request';
    expect(validateAgainstGraphSchema('beta', schema, body).errors).toEqual([]);
    expect(JSON.stringify(body.assignments.slice(0, 2))).toBe(
      JSON.stringify(before.map(withoutReadOnly)),
    );
    expect(body.assignments[2]).toMatchObject({
      '@odata.type': ENTRY_TYPE,
      target: { groupId: WELL_KNOWN.groups.marketing },
    });
    expect(stored(h, OUTLOOK).slice(0, 2)).toEqual(before);
  });

  test('re-stating an existing exclusion writes nothing', async () => {
    const result = await assignThrough(
      h.graph.intune,
      ITEM,
      group(WELL_KNOWN.groups.pilotUsers, 'Pilot users', true),
      { justification: 'again' },
    );
    expect(result.status).toBe('already-assigned');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('All devices, All users, an intent or a filter are refused before anything is written', async () => {
    const refusals: RequestedAssignment[] = [
      { target: { kind: 'allDevices' }, targetName: 'All devices' },
      { target: { kind: 'allUsers' }, targetName: 'All users' },
      { ...group(WELL_KNOWN.groups.marketing, 'Marketing'), intent: 'required' },
      {
        ...group(WELL_KNOWN.groups.marketing, 'Marketing'),
        filter: { id: WELL_KNOWN.filters.iosCorporate, mode: 'include' },
      },
    ];
    for (const requested of refusals) {
      const refused = planAssignment(h.graph.intune, ITEM, requested);
      await expect(refused).rejects.toBeInstanceOf(AppError);
      await expect(refused).rejects.toMatchObject({ code: 'invalid-request' });
    }
    expect(h.sim.control.writes()).toEqual([]);
  });
});

describe('app configuration policies for managed apps in v1.0', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness({ version: 'v1.0' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  test('the write is a valid v1.0 body that keeps the other entries as v1.0 read them', async () => {
    const result = await assignThrough(
      h.graph.intune,
      ITEM,
      group(WELL_KNOWN.groups.engineering, 'Engineering', true),
      { justification: 'Engineering keeps its own settings' },
    );
    expect(result.status).toBe('assigned');
    const [write] = h.sim.control.writes();
    expect(write?.version).toBe('v1.0');
    const body = write?.body as { assignments: GraphObject[] };
    expect(
      validateAgainstGraphSchema('v1.0', 'targetedManagedAppConfiguration_assign_request', body)
        .errors,
    ).toEqual([]);
    expect(body.assignments).toEqual([
      {
        '@odata.type': ENTRY_TYPE,
        target: {
          '@odata.type': '#microsoft.graph.groupAssignmentTarget',
          groupId: WELL_KNOWN.groups.sales,
        },
      },
      {
        '@odata.type': ENTRY_TYPE,
        target: {
          '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
          groupId: WELL_KNOWN.groups.pilotUsers,
        },
      },
      {
        '@odata.type': ENTRY_TYPE,
        target: {
          '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
          groupId: WELL_KNOWN.groups.engineering,
        },
      },
    ]);
    expect(stored(h, OUTLOOK)).toHaveLength(3);
  });
});

describe('app configuration policies for managed apps under Multi Admin Approval', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    h.sim.control.settings({ multiAdminApproval: true });
  });

  test('a held write is replayed identically once an Intune admin approves it', async () => {
    const result = await assignThrough(
      h.graph.intune,
      { kind: 'managedAppConfig', id: EDGE },
      group(WELL_KNOWN.groups.sales, 'Sales'),
      { justification: 'Sales needs the intranet bookmarks' },
    );
    expect(result.status).toBe('awaiting-intune-approval');
    const pending = result.pending!;
    expect(stored(h, EDGE)).toEqual([]);

    h.sim.control.decideApproval(pending.approvalCode, 'approve');
    const decision = await waitForIntuneDecision(h.graph.intune, pending.approvalCode, {
      pollMs: 10,
      timeoutMs: 2000,
    });
    expect(decision).toBe('approved');
    const replayed = await result.writer.replay(result.request, pending);
    expect(replayed).toMatchObject({ type: 'assigned' });

    const [held, replay] = h.sim.control.writes();
    expect(replay?.body).toEqual(held?.body);
    expect(replay?.headers['x-msft-approval-code']).toBe(pending.approvalCode);
    expect(stored(h, EDGE)).toEqual([
      expect.objectContaining({
        target: expect.objectContaining({ groupId: WELL_KNOWN.groups.sales }),
      }),
    ]);
  });
});
