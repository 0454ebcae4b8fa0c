import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { RequestedAssignment } from '../../src/domain/assignment';
import { AppError } from '../../src/domain/errors';
import { waitForIntuneDecision } from '../../src/services/intune-approval';
import { assignThrough } from '../support/assign-through';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { graphHarness, type GraphHarness } from '../support/graph-harness';

const READ_ONLY = ['id', 'source', 'sourceId'];
const withoutReadOnly = (a: GraphObject) =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !READ_ONLY.includes(k)));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function groupNotAssignedTo(h: GraphHarness, appId: string): { id: string; name: string } {
  const used = new Set(
    (h.sim.control.tenant().appAssignments.get(appId) ?? []).map(
      (a) => (a.target as { groupId?: string } | undefined)?.groupId,
    ),
  );
  const group = h.sim.control.tenant().groups.find((g) => !used.has(g.id))!;
  return { id: group.id, name: String(group.displayName) };
}

const include = (
  group: { id: string; name: string },
  intent: RequestedAssignment['intent'],
): RequestedAssignment => ({
  target: { kind: 'group', groupId: group.id, exclude: false },
  targetName: group.name,
  intent,
});

describe('assigning an app through the Intune port (beta)', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  test('every assignment that existed before is still there byte for byte and the new one is added', async () => {
    const appId = WELL_KNOWN.apps.win32;
    const before = clone(h.sim.control.tenant().appAssignments.get(appId) ?? []);
    expect(before.length).toBeGreaterThanOrEqual(4);
    const group = groupNotAssignedTo(h, appId);

    const result = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      include(group, 'required'),
      { justification: 'Sales needs Zoom' },
    );

    expect(result.status).toBe('assigned');
    expect(result.diff.map((d) => d.text)).toEqual([`+ ${group.name} (required)`]);
    const writes = h.sim.control.writes();
    expect(writes).toHaveLength(1);
    const body = writes[0]!.body as { mobileAppAssignments: GraphObject[] };
    expect(validateAgainstGraphSchema('beta', 'mobileApp_assign_request', body).errors).toEqual([]);
    expect(body.mobileAppAssignments).toHaveLength(before.length + 1);
    expect(body.mobileAppAssignments.slice(0, before.length)).toEqual(before.map(withoutReadOnly));
    expect(JSON.stringify(body.mobileAppAssignments.slice(0, before.length))).toBe(
      JSON.stringify(before.map(withoutReadOnly)),
    );
    expect(body.mobileAppAssignments[before.length]).toEqual({
      '@odata.type': '#microsoft.graph.mobileAppAssignment',
      intent: 'required',
      target: {
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        groupId: group.id,
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: 'none',
      },
      settings: {
        '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
        notifications: 'showAll',
        deliveryOptimizationPriority: 'notConfigured',
        installTimeSettings: null,
        restartSettings: null,
      },
    });
    const after = h.sim.control.tenant().appAssignments.get(appId) ?? [];
    expect(after.slice(0, before.length).map((a) => ({ ...withoutReadOnly(a) }))).toEqual(
      before.map(withoutReadOnly),
    );
    expect(result.requestId).toBe(writes[0]!.requestId);
  });

  test('a different intent for an already included group is changed in place, keeping its settings', async () => {
    const appId = WELL_KNOWN.apps.win32;
    const before = clone(h.sim.control.tenant().appAssignments.get(appId) ?? []);
    const index = before.findIndex((a) =>
      (a.target as { '@odata.type': string })['@odata.type'].endsWith('.groupAssignmentTarget'),
    );
    const existing = before[index]!;
    const groupId = (existing.target as { groupId: string }).groupId;
    const intent = existing.intent === 'required' ? 'uninstall' : 'required';
    const filterId = (
      existing.target as { deviceAndAppManagementAssignmentFilterId: string | null }
    ).deviceAndAppManagementAssignmentFilterId;
    const filterType = (existing.target as { deviceAndAppManagementAssignmentFilterType: string })
      .deviceAndAppManagementAssignmentFilterType;
    const requested: RequestedAssignment = {
      target: { kind: 'group', groupId, exclude: false },
      targetName: 'The group',
      intent,
      filter: filterId ? { id: filterId, mode: filterType as 'include' | 'exclude' } : undefined,
    };

    const result = await assignThrough(h.graph.intune, { kind: 'app', id: appId }, requested, {
      justification: 'change',
    });

    expect(result.diff.map((d) => d.text)).toEqual([
      `~ The group: ${String(existing.intent)} -> ${intent}`,
    ]);
    const body = h.sim.control.writes()[0]!.body as { mobileAppAssignments: GraphObject[] };
    expect(body.mobileAppAssignments).toHaveLength(before.length);
    expect(body.mobileAppAssignments[index]).toEqual({ ...withoutReadOnly(existing), intent });
    expect(validateAgainstGraphSchema('beta', 'mobileApp_assign_request', body).valid).toBe(true);
  });

  test('a request that re-states an existing assignment is already assigned and makes no write', async () => {
    const appId = WELL_KNOWN.apps.win32;
    const existing = (h.sim.control.tenant().appAssignments.get(appId) ?? []).find((a) =>
      String((a.target as { '@odata.type': string })['@odata.type']).endsWith(
        'allLicensedUsersAssignmentTarget',
      ),
    )!;
    const target = existing.target as {
      deviceAndAppManagementAssignmentFilterId: string | null;
      deviceAndAppManagementAssignmentFilterType: string;
    };
    const result = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      {
        target: { kind: 'allUsers' },
        targetName: 'All users',
        intent: existing.intent as RequestedAssignment['intent'],
        filter: target.deviceAndAppManagementAssignmentFilterId
          ? {
              id: target.deviceAndAppManagementAssignmentFilterId,
              mode: target.deviceAndAppManagementAssignmentFilterType as 'include',
            }
          : undefined,
      },
      { justification: 'again' },
    );
    expect(result.status).toBe('already-assigned');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('an exclusion is posted without settings and validates against the schema', async () => {
    const appId = WELL_KNOWN.apps.win32;
    const group = groupNotAssignedTo(h, appId);
    await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      {
        target: { kind: 'group', groupId: group.id, exclude: true },
        targetName: group.name,
        intent: 'required',
      },
      { justification: 'exclude them' },
    );
    const body = h.sim.control.writes()[0]!.body as { mobileAppAssignments: GraphObject[] };
    const added = body.mobileAppAssignments.at(-1)!;
    expect(added.settings).toBeNull();
    expect((added.target as Record<string, unknown>)['@odata.type']).toBe(
      '#microsoft.graph.exclusionGroupAssignmentTarget',
    );
    expect(h.sim.control.writes()[0]!.status).toBe(204);
  });

  test('an app whose assignments come from a policy set is refused with no write', async () => {
    const error = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: WELL_KNOWN.apps.policySet },
      include(groupNotAssignedTo(h, WELL_KNOWN.apps.policySet), 'required'),
      { justification: 'x' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('policy-set');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('an unpublished app is refused with no write', async () => {
    const error = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: WELL_KNOWN.apps.unpublished },
      include(groupNotAssignedTo(h, WELL_KNOWN.apps.unpublished), 'required'),
      { justification: 'x' },
    ).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('not-published');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('an intent the app type does not allow is refused with no write', async () => {
    const error = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: WELL_KNOWN.apps.win32Unassigned },
      { target: { kind: 'allDevices' }, targetName: 'All devices', intent: 'available' },
      { justification: 'x' },
    ).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('invalid-request');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('assignments that changed since review are reported instead of written', async () => {
    const appId = WELL_KNOWN.apps.win32Unassigned;
    const group = groupNotAssignedTo(h, appId);
    const error = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      include(group, 'required'),
      {
        justification: 'x',
        expectedDiff: [{ kind: 'change', text: `~ ${group.name}: available -> required` }],
      },
    ).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('assignments-changed');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('two assigns to one app at the same time both survive', async () => {
    const appId = WELL_KNOWN.apps.win32Unassigned;
    const groups = h.sim.control
      .tenant()
      .groups.slice(20, 22)
      .map((g) => ({ id: g.id, name: String(g.displayName) }));
    await Promise.all(
      groups.map((g) =>
        assignThrough(h.graph.intune, { kind: 'app', id: appId }, include(g, 'required'), {
          justification: 'x',
        }),
      ),
    );
    const stored = h.sim.control.tenant().appAssignments.get(appId) ?? [];
    expect(stored.map((a) => (a.target as { groupId: string }).groupId).sort()).toEqual(
      groups.map((g) => g.id).sort(),
    );
  });

  test('a 429 storm during an assign still ends in exactly one applied write', async () => {
    h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 429,
      retryAfter: 0,
      times: 3,
    });
    const appId = WELL_KNOWN.apps.win32Unassigned;
    const result = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      include(groupNotAssignedTo(h, appId), 'available'),
      { justification: 'x' },
    );
    expect(result.status).toBe('assigned');
    expect(h.sim.control.writes().filter((w) => w.status === 204)).toHaveLength(1);
    expect(h.sim.control.tenant().appAssignments.get(appId)).toHaveLength(1);
  });
});

describe('assigning an app configuration policy', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  test('it posts the full set on the cast path', async () => {
    const id = WELL_KNOWN.configPolicies.ios;
    const before = clone(h.sim.control.tenant().configAssignments.get(id) ?? []);
    const group = h.sim.control.tenant().groups.find((g) => g.id === WELL_KNOWN.groups.marketing)!;
    const result = await assignThrough(
      h.graph.intune,
      { kind: 'configPolicy', id },
      {
        target: { kind: 'group', groupId: group.id, exclude: false },
        targetName: String(group.displayName),
      },
      { justification: 'Marketing iPads' },
    );
    expect(result.status).toBe('assigned');
    const writes = h.sim.control.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toMatch(
      /\/microsoft\.graph\.managedDeviceMobileAppConfiguration\/assign$/,
    );
    const body = writes[0]!.body as { assignments: GraphObject[] };
    expect(
      validateAgainstGraphSchema('beta', 'managedDeviceMobileAppConfiguration_assign_request', body)
        .errors,
    ).toEqual([]);
    expect(body.assignments.slice(0, before.length)).toEqual(before.map(withoutReadOnly));
    expect(body.assignments).toHaveLength(before.length + 1);
  });

  test('when the cast path answers No method match route template it falls back to the plain path', async () => {
    h.sim.control.settings({ plainConfigAssignFails: false });
    h.sim.control.addFault({
      method: 'POST',
      path: 'managedDeviceMobileAppConfiguration/assign$',
      status: 400,
      code: 'BadRequest',
      message: 'No method match route template',
      times: 1,
    });
    const id = WELL_KNOWN.configPolicies.android;
    const result = await assignThrough(
      h.graph.intune,
      { kind: 'configPolicy', id },
      { target: { kind: 'allDevices' }, targetName: 'All devices' },
      { justification: 'All Android devices' },
    );
    expect(result.status).toBe('assigned');
    const applied = h.sim.control.writes().filter((w) => w.status === 204);
    expect(applied).toHaveLength(1);
    expect(applied[0]!.path).toMatch(/mobileAppConfigurations\/[^/]+\/assign$/);
  });
});

describe('Intune Multi Admin Approval', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    h.sim.control.settings({ multiAdminApproval: true });
  });

  const request = (h: GraphHarness) => {
    const appId = WELL_KNOWN.apps.win32Unassigned;
    return assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      include(groupNotAssignedTo(h, appId), 'required'),
      {
        justification: 'Finance needs this – approved by CFO',
      },
    );
  };

  test('a held write waits for Intune approval and is replayed identically once approved', async () => {
    const result = await request(h);
    expect(result.status).toBe('awaiting-intune-approval');
    const pending = result.pending!;
    const held = h.sim.control.writes()[0]!;
    expect(held.status).toBe(403);
    expect(
      Buffer.from(held.headers['x-msft-approval-justification']!, 'base64').toString('utf8'),
    ).toBe('Finance needs this – approved by CFO');
    expect(await h.graph.intune.approvalStatus(pending.approvalCode)).toBe('needsApproval');
    expect(
      h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.win32Unassigned) ?? [],
    ).toHaveLength(0);

    h.sim.control.decideApproval(pending.approvalCode, 'approve');
    const decision = await waitForIntuneDecision(h.graph.intune, pending.approvalCode, {
      pollMs: 10,
      timeoutMs: 2000,
    });
    expect(decision).toBe('approved');
    const replayed = await result.writer.replay(result.request, pending);

    expect(replayed).toMatchObject({
      type: 'assigned',
      outcome: { approvalCode: pending.approvalCode },
    });
    const writes = h.sim.control.writes();
    expect(writes).toHaveLength(2);
    expect(writes[1]!.body).toEqual(held.body);
    expect(writes[1]!.headers['x-msft-approval-code']).toBe(pending.approvalCode);
    expect(writes[1]!.status).toBe(204);
    expect(h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.win32Unassigned)).toHaveLength(
      1,
    );
  });

  test('a rejected approval ends without applying the write', async () => {
    const { pending } = await request(h);
    h.sim.control.decideApproval(pending!.approvalCode, 'reject');
    const decision = await waitForIntuneDecision(h.graph.intune, pending!.approvalCode, {
      pollMs: 10,
      timeoutMs: 2000,
    });
    expect(decision).toBe('rejected');
    expect(h.sim.control.writes()).toHaveLength(1);
    expect(
      h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.win32Unassigned) ?? [],
    ).toHaveLength(0);
  });

  test('the 412 variant seen in the field is also recognised as a held write', async () => {
    h.sim.control.settings({ approvalRequiredStatus: 412 });
    const result = await request(h);
    expect(result.status).toBe('awaiting-intune-approval');
  });

  test('polling gives up after its timeout while approval is still pending', async () => {
    const { pending } = await request(h);
    const decision = await waitForIntuneDecision(h.graph.intune, pending!.approvalCode, {
      pollMs: 10,
      timeoutMs: 50,
    });
    expect(decision).toBe('timeout');
  });
});

describe('assigning with GRAPH_INTUNE_VERSION=v1.0', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness({ version: 'v1.0' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  test('an item whose assignments use filters is refused rather than silently stripped', async () => {
    const appId = WELL_KNOWN.apps.win32;
    const error = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      include(groupNotAssignedTo(h, appId), 'required'),
      {
        justification: 'x',
      },
    ).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('filters-would-be-lost');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('an iOS VPP app whose assignment carries beta-only settings is refused, naming them, and nothing is written', async () => {
    const appId = WELL_KNOWN.apps.iosVpp;
    const before = clone(h.sim.control.tenant().appAssignments.get(appId));
    const error = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      include(groupNotAssignedTo(h, appId), 'required'),
      { justification: 'x' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'settings-would-be-lost',
      message: expect.stringContaining(
        '(isRemovable, preventAutoAppUpdate, preventManagedAppBackup, uninstallOnDeviceRemoval)',
      ),
    });
    expect(h.sim.control.writes()).toEqual([]);
    expect(h.sim.control.tenant().appAssignments.get(appId)).toEqual(before);
  });

  test('a request with an assignment filter is refused, since v1.0 would drop the filter', async () => {
    const appId = WELL_KNOWN.apps.win32Unassigned;
    const requested = {
      ...include(groupNotAssignedTo(h, appId), 'required'),
      filter: { id: WELL_KNOWN.filters.windowsCorporate, mode: 'include' as const },
    };
    const error = await assignThrough(h.graph.intune, { kind: 'app', id: appId }, requested, {
      justification: 'x',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('Assignment filters need the beta Graph API'),
    });
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('an item without filters is assigned with a body valid for v1.0', async () => {
    const appId = WELL_KNOWN.apps.win32Unassigned;
    const result = await assignThrough(
      h.graph.intune,
      { kind: 'app', id: appId },
      include(groupNotAssignedTo(h, appId), 'required'),
      { justification: 'x' },
    );
    expect(result.status).toBe('assigned');
    const write = h.sim.control.writes()[0]!;
    expect(write.version).toBe('v1.0');
    expect(
      validateAgainstGraphSchema('v1.0', 'mobileApp_assign_request', write.body).errors,
    ).toEqual([]);
  });
});
