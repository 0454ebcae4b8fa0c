import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { delegatedToken } from './entra-client';
import { type Answer, appAssignment, appPath, call, get, groupTarget, post } from './sim-client';

const U = WELL_KNOWN.users;
const A = WELL_KNOWN.apps;
const BODY = {
  mobileAppAssignments: [appAssignment(groupTarget(WELL_KNOWN.groups.sales), 'required')],
};
const ASSIGN = (appId: string) => appPath('beta', appId, '/assign');

/** Intune's wrapped error: the JSON object inside Graph's `message`. */
function intuneMessage(answer: Answer): { _version: number; Message: string } {
  expect(answer.status).toBe(403);
  expect(answer.body.error?.code).toBe('Forbidden');
  return JSON.parse(answer.body.error?.message ?? '{}') as { _version: number; Message: string };
}

describe("Intune's role-based access control in the simulated tenant", () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ entra: true, settings: { throttling: false } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());

  const assignmentsOf = (appId: string) =>
    structuredClone(sim.control.tenant().appAssignments.get(appId) ?? []);
  const assignAs = async (userId: string, appId: string) =>
    post(sim, ASSIGN(appId), BODY, { token: await delegatedToken(sim, userId) });
  const control = (method: string, path: string, body?: unknown) =>
    call(sim, method, `/_sim/${path}`, { token: null, body });

  describe('the application permission', () => {
    it("refuses the application's assign with Intune's 403 under the Read permission, writing nothing", async () => {
      await control('PATCH', 'settings', { appPermission: 'Read' });
      const before = assignmentsOf(A.win32);
      const res = await post(sim, ASSIGN(A.win32), BODY);
      const wrapped = intuneMessage(res);
      expect(wrapped).toMatchObject({
        _version: 3,
        CustomApiErrorPhrase: '',
        RetryAfter: null,
        ErrorSourceService: '',
        HttpHeaders: '{}',
      });
      expect(wrapped.Message).toMatch(
        new RegExp(
          `^Application is not authorized to perform this operation\\. Application must have one of the following scopes: DeviceManagementApps\\.ReadWrite\\.All - Operation ID \\(for customer support\\): [0-9a-f-]{36} - Activity ID: ${res.headers.get('request-id')} - Url: ${sim.url}/beta/deviceAppManagement/mobileApps/${A.win32}/assign$`,
        ),
      );
      expect(assignmentsOf(A.win32)).toEqual(before);
      expect(sim.control.writes()).toEqual([
        expect.objectContaining({ status: 403, identity: { kind: 'application' } }),
      ]);
    });

    it('still lets the application read under the Read permission', async () => {
      sim.control.settings({ appPermission: 'Read' });
      expect((await get(sim, appPath('beta', A.win32))).status).toBe(200);
    });

    it('lets the application write under ReadWrite whatever the scope tags', async () => {
      expect((await post(sim, ASSIGN(A.macOSLob), BODY)).status).toBe(204);
    });
  });

  describe("a user's delegated token", () => {
    it('lets approver1 (Application Manager over tags 0 and 1) assign apps of both tags', async () => {
      expect((await assignAs(U.approver1, A.macOSLob)).status).toBe(204);
      expect((await assignAs(U.approver1, A.win32Unassigned)).status).toBe(204);
      expect(assignmentsOf(A.macOSLob)).toEqual([
        expect.objectContaining({ intent: 'required', source: 'direct' }),
      ]);
    });

    it('lets approver2 (tag 0 only) assign a Default app and refuses the tag-1 app, writing nothing', async () => {
      expect((await assignAs(U.approver2, A.win32Unassigned)).status).toBe(204);
      const before = assignmentsOf(A.macOSLob);
      const refused = await assignAs(U.approver2, A.macOSLob);
      expect(intuneMessage(refused).Message).toMatch(
        /^The user does not have the required permissions \(Microsoft\.Intune_MobileApps_Assign\) for the resource within its scope tags \(1\)\. User: nestor\.wilke@contoso\.onmicrosoft\.com\. - Operation ID/,
      );
      expect(assignmentsOf(A.macOSLob)).toEqual(before);
    });

    it('refuses every Intune read and write to users without an Intune role', async () => {
      for (const user of [U.nestedApprover, U.requester, U.outsider]) {
        const token = await delegatedToken(sim, user);
        const before = assignmentsOf(A.win32Unassigned);
        const write = await post(sim, ASSIGN(A.win32Unassigned), BODY, { token });
        expect(intuneMessage(write).Message).toMatch(/Microsoft\.Intune_MobileApps_Assign/);
        const read = await get(sim, appPath('beta', A.win32), { token });
        expect(intuneMessage(read).Message).toMatch(
          /does not have the required permissions \(Microsoft\.Intune_MobileApps_Read\) for the resource\./,
        );
        expect(assignmentsOf(A.win32Unassigned)).toEqual(before);
      }
    });

    it('lets any user read the directory', async () => {
      const token = await delegatedToken(sim, U.outsider);
      expect((await get(sim, `/v1.0/users/${U.requester}`, { token })).status).toBe(200);
      expect((await get(sim, `/v1.0/groups/${WELL_KNOWN.groups.sales}`, { token })).status).toBe(
        200,
      );
      const check = await post(
        sim,
        `/v1.0/users/${U.approver1}/checkMemberGroups`,
        { groupIds: [WELL_KNOWN.groups.approvers] },
        { token },
      );
      expect(check.status).toBe(200);
    });

    it('judges each request of a $batch on its own, with the batch token', async () => {
      const token = await delegatedToken(sim, U.approver2);
      const before = assignmentsOf(A.macOSLob);
      const res = await post(
        sim,
        '/beta/$batch',
        {
          requests: [A.win32Unassigned, A.macOSLob].map((appId, i) => ({
            id: String(i + 1),
            method: 'POST',
            url: `/deviceAppManagement/mobileApps/${appId}/assign`,
            headers: { 'Content-Type': 'application/json' },
            body: BODY,
          })),
        },
        { token },
      );
      const responses = res.body.responses as { id: string; status: number }[];
      expect(Object.fromEntries(responses.map((r) => [r.id, r.status]))).toEqual({
        '1': 204,
        '2': 403,
      });
      expect(sim.control.writes().map((w) => [w.path, w.status, w.identity?.kind])).toEqual(
        expect.arrayContaining([
          [`/deviceAppManagement/mobileApps/${A.win32Unassigned}/assign`, 204, 'user'],
          [`/deviceAppManagement/mobileApps/${A.macOSLob}/assign`, 403, 'user'],
        ]),
      );
      expect(assignmentsOf(A.macOSLob)).toEqual(before);
    });

    it('refuses before Multi Admin Approval: no approval request is created for a refused write', async () => {
      sim.control.settings({ multiAdminApproval: true });
      const token = await delegatedToken(sim, U.approver2);
      const headers = { 'x-msft-approval-justification': Buffer.from('REQ-1').toString('base64') };
      const refused = await post(sim, ASSIGN(A.macOSLob), BODY, { token, headers });
      expect(refused.body.error?.code).toBe('Forbidden');
      expect(sim.control.approvalRequests()).toEqual([]);
      const held = await post(sim, ASSIGN(A.win32Unassigned), BODY, { token, headers });
      expect(held.body.error?.code).toBe('ApprovalRequired');
      expect(sim.control.approvalRequests()[0]?.request.requestor).toMatchObject({
        user: { id: U.approver2, displayName: 'Nestor Wilke' },
      });
    });
  });

  describe('the role assignment control routes', () => {
    it('lists the seeded role assignments', async () => {
      const res = await control('GET', 'intune/role-assignments');
      const R = WELL_KNOWN.intuneRoles.applicationManager;
      expect(res.body.value).toEqual([
        { userId: U.approver1, roleDefinitionId: R, scopeTagIds: ['0', '1'] },
        { userId: U.approver2, roleDefinitionId: R, scopeTagIds: ['0'] },
      ]);
    });

    it('gives a user a role over scope tags, replacing theirs, and takes it away; reset restores the seed', async () => {
      const put = await control('PUT', `intune/role-assignments/${U.nestedApprover}`, {
        role: 'Application Manager',
        scopeTagIds: ['1'],
      });
      expect(put.status).toBe(200);
      expect((await assignAs(U.nestedApprover, A.macOSLob)).status).toBe(204);
      expect((await assignAs(U.nestedApprover, A.win32Unassigned)).status).toBe(403);
      expect((await control('DELETE', `intune/role-assignments/${U.approver1}`)).status).toBe(204);
      expect((await assignAs(U.approver1, A.win32Unassigned)).status).toBe(403);
      await control('POST', 'reset');
      expect((await assignAs(U.approver1, A.win32Unassigned)).status).toBe(204);
      expect((await assignAs(U.nestedApprover, A.macOSLob)).status).toBe(403);
    });

    it('models Read Only Operator (reads, never assigns) and Intune Administrator (every scope tag)', async () => {
      sim.control.setRoleAssignment(U.outsider, { role: 'readOnlyOperator' });
      const reader = await delegatedToken(sim, U.outsider);
      expect((await get(sim, appPath('beta', A.win32), { token: reader })).status).toBe(200);
      expect((await post(sim, ASSIGN(A.win32Unassigned), BODY, { token: reader })).status).toBe(
        403,
      );
      sim.control.setRoleAssignment(U.requester, { role: 'Intune Administrator', scopeTagIds: [] });
      expect((await assignAs(U.requester, A.macOSLob)).status).toBe(204);
    });

    it('refuses an unknown role or scope tag with 400 and an unknown user with 404', async () => {
      const path = `intune/role-assignments/${U.outsider}`;
      expect((await control('PUT', path, { role: 'Janitor' })).status).toBe(400);
      expect(
        (await control('PUT', path, { role: 'Application Manager', scopeTagIds: ['9'] })).status,
      ).toBe(400);
      const nobody = 'intune/role-assignments/0bad0bad-0000-4000-8000-000000000000';
      expect((await control('PUT', nobody, { role: 'Application Manager' })).status).toBe(404);
    });
  });

  describe('scope tags in Graph', () => {
    it('lists the scope tags on beta and shows the tag-1 app with its roleScopeTagIds', async () => {
      const tags = await get(sim, '/beta/deviceManagement/roleScopeTags');
      expect(tags.body.value).toEqual([
        expect.objectContaining({ id: '0', displayName: 'Default', isBuiltIn: true }),
        expect.objectContaining({ id: '1', displayName: 'Finance apps', isBuiltIn: false }),
      ]);
      expect((await get(sim, '/v1.0/deviceManagement/roleScopeTags')).status).toBe(400);
      const app = await get(sim, appPath('beta', A.macOSLob, '?$select=id,roleScopeTagIds'));
      expect(app.body.roleScopeTagIds).toEqual(['1']);
    });
  });
});

describe('a delegated token without the write permission', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({
      entra: { delegatedPermissions: ['DeviceManagementApps.Read.All'] },
      settings: { throttling: false },
    });
  });
  afterAll(() => sim.close());

  it('reads, but is refused the assign even for a user whose role allows it', async () => {
    const token = await delegatedToken(sim, U.approver1);
    expect((await get(sim, appPath('beta', A.win32), { token })).status).toBe(200);
    const before = structuredClone(sim.control.tenant().appAssignments.get(A.win32));
    const res = await post(sim, ASSIGN(A.win32), BODY, { token });
    expect(intuneMessage(res).Message).toMatch(
      /^Application is not authorized to perform this operation\. Application must have one of the following scopes: DeviceManagementApps\.ReadWrite\.All - /,
    );
    expect(sim.control.tenant().appAssignments.get(A.win32)).toEqual(before);
  });
});
