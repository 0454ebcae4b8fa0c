import { TINY } from '../fixtures/tiny-tenant';
import {
  type Answer,
  appAssignment,
  appPath,
  call,
  get,
  groupTarget,
  post,
  useTinySimulator,
  WIN32_SETTINGS,
} from './sim-client';

const sim = useTinySimulator();
beforeEach(() => {
  sim().control.settings({ multiAdminApproval: true });
});

const PATH = appPath('beta', TINY.apps.win32, '/assign');
const BODY = {
  mobileAppAssignments: [
    appAssignment(groupTarget(TINY.groups.finance), 'required', WIN32_SETTINGS),
  ],
};
const JUSTIFICATION = 'REQ-1042: Finance needs Contoso VPN';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function write(
  options: { code?: string; justification?: string | null; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.justification !== null)
    headers['x-msft-approval-justification'] = options.justification ?? b64(JUSTIFICATION);
  if (options.code) headers['x-msft-approval-code'] = options.code;
  return post(sim(), PATH, options.body ?? BODY, { headers });
}

async function held(): Promise<string> {
  const res = await write();
  expect(res.status).toBe(403);
  return res.headers.get('x-msft-approval-code') as string;
}

const win32Assignments = () => sim().control.tenant().appAssignments.get(TINY.apps.win32) ?? [];

describe('Intune Multi Admin Approval', () => {
  it('holds a write with 403 ApprovalRequired and the code in x-msft-approval-code', async () => {
    const res = await write();
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('ApprovalRequired');
    const code = res.headers.get('x-msft-approval-code');
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    expect(win32Assignments()).toHaveLength(4);
    expect(
      sim()
        .control.writes()
        .map((w) => w.status),
    ).toEqual([403]);
  });

  it('answers 412 instead when approvalRequiredStatus is 412', async () => {
    sim().control.settings({ approvalRequiredStatus: 412 });
    const res = await write();
    expect(res.status).toBe(412);
    expect(res.headers.get('x-msft-approval-code')).toBeTruthy();
  });

  it('lists the approval request on beta with the decoded justification and the held write', async () => {
    const code = await held();
    const list = await get(
      sim(),
      `/beta/deviceManagement/operationApprovalRequests?$filter=${encodeURIComponent(`id eq '${code}'`)}`,
    );
    expect(list.body.value).toEqual([
      expect.objectContaining({
        id: code,
        status: 'needsApproval',
        requestJustification: JUSTIFICATION,
        requiredOperationApprovalPolicyTypes: ['app'],
      }),
    ]);
    expect(list.body.value?.[0]).not.toHaveProperty('held');
    const one = await get(sim(), `/beta/deviceManagement/operationApprovalRequests/${code}`);
    expect(one.body).toMatchObject({
      id: code,
      expirationDateTime: expect.any(String),
      requestor: expect.any(Object),
    });
    expect(
      (await get(sim(), `/v1.0/deviceManagement/operationApprovalRequests/${code}`)).status,
    ).toBe(400);
    const [record] = sim().control.approvalRequests();
    expect(record?.held).toEqual({
      method: 'POST',
      version: 'beta',
      path: `/deviceAppManagement/mobileApps/${TINY.apps.win32}/assign`,
      body: BODY,
    });
  });

  it('requires a valid Base64 justification of at most 1024 characters', async () => {
    expect((await write({ justification: null })).status).toBe(400);
    expect((await write({ justification: 'not base64!' })).status).toBe(400);
    expect((await write({ justification: b64('x'.repeat(1025)) })).status).toBe(400);
    expect((await write({ justification: b64('é'.repeat(1024)) })).status).toBe(403);
    expect(sim().control.approvalRequests()).toHaveLength(1);
  });

  it('refuses a replay before approval, and with an unknown code', async () => {
    const code = await held();
    const early = await write({ code });
    expect(early.status).toBe(403);
    expect(early.body.error?.message).toMatch(/needsApproval/);
    expect((await write({ code: '00000000-0000-0000-0000-000000000000' })).status).toBe(403);
    expect(win32Assignments()).toHaveLength(4);
  });

  it('applies the identical replay once approved and marks the request completed', async () => {
    const code = await held();
    expect(sim().control.decideApproval(code, 'approve').request.status).toBe('approved');
    const reordered = {
      mobileAppAssignments: [{ ...BODY.mobileAppAssignments[0] }].map(
        ({ target, intent, settings }) => ({
          settings,
          intent,
          target,
          '@odata.type': '#microsoft.graph.mobileAppAssignment',
        }),
      ),
    };
    const res = await write({ code, body: reordered });
    expect(res.status).toBe(204);
    expect(win32Assignments().map((a) => a.id)).toEqual([`${TINY.groups.finance}_1_0`]);
    expect(sim().control.approvalRequests()[0]?.request.status).toBe('completed');
    const again = await write({ code });
    expect(again.status).toBe(403);
    expect(again.body.error?.message).toMatch(/completed/);
  });

  it('refuses an approved code replayed with a different body or path', async () => {
    const code = await held();
    sim().control.decideApproval(code, 'approve');
    const otherBody = { mobileAppAssignments: [] };
    const res = await write({ code, body: otherBody });
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toMatch(/identical/);
    const otherPath = await post(sim(), appPath('beta', TINY.apps.policySet, '/assign'), BODY, {
      headers: {
        'x-msft-approval-justification': b64(JUSTIFICATION),
        'x-msft-approval-code': code,
      },
    });
    expect(otherPath.status).toBe(403);
    expect(win32Assignments()).toHaveLength(4);
  });

  it('refuses the replay of a rejected request, and a second decision', async () => {
    const code = await held();
    expect(sim().control.decideApproval(code, 'reject').request.status).toBe('rejected');
    const res = await write({ code });
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toMatch(/rejected/);
    expect(() => sim().control.decideApproval(code, 'approve')).toThrow(/rejected/);
  });

  it('decides over the HTTP control API too', async () => {
    const code = await held();
    const approved = await call(sim(), 'POST', `/_sim/approvals/${code}/approve`, { token: null });
    expect(approved.status).toBe(200);
    expect((await get(sim(), '/_sim/approvals', { token: null })).body.value?.[0]).toMatchObject({
      request: { status: 'approved' },
    });
    expect((await write({ code })).status).toBe(204);
  });
});
