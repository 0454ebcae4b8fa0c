import { WELL_KNOWN } from '../../src/simulator/seed';
import { botHarness, type BotHarness } from '../support/bot-harness';
import { walkWizard, ZOOM_TO_SALES } from '../support/walk';

// AZURE_CLIENT_SECRET is not among them: local mode refuses to start with it set.
const SECRETS = {
  MicrosoftAppPassword: 'BotPassword~Never.Log.This~42',
  AZURE_CLIENT_CERTIFICATE_PASSWORD: 'CertPassword~Never.Log.This~44',
};
const INBOUND_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.inbound-token-never-logged.c2lnbmF0dXJl';

describe('logs through a full flow', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness({
      env: {
        ...SECRETS,
        AZURE_TENANT_ID: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
        AZURE_CLIENT_ID: 'c84f72d8-3ffc-4f0d-bd3b-aaeb389eb410',
        LOG_LEVEL: 'trace',
      },
    });
  });
  afterAll(() => h.close());

  test('contain no secret and no token, while still correlating Graph calls by request id', async () => {
    // Every inbound activity carries a bearer token, as the Bot Connector's do.
    const post = h.teams.post.bind(h.teams);
    h.teams.post = (activity, headers = {}) =>
      post(activity, { ...headers, authorization: `Bearer ${INBOUND_TOKEN}` });
    await h.teams.say(h.users.approver1, 'help');
    const walked = await walkWizard(h, h.users.requester, ZOOM_TO_SALES);
    await h.settle();
    h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 400,
      message: 'Injected refusal',
      times: 1,
    });
    await h.teams.execute(h.users.approver1, 'request.approve', { requestId: walked.requestId });
    await h.settle();
    await h.teams.execute(h.users.approver1, 'request.retry', { requestId: walked.requestId });
    await h.settle();
    expect(
      h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.win32)?.length,
    ).toBeGreaterThan(4);

    const everything = JSON.stringify(h.logs) + JSON.stringify(h.connector.calls);
    for (const secret of [
      ...Object.values(SECRETS),
      INBOUND_TOKEN,
      'simulator-development-token',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/Bearer [A-Za-z0-9._~-]{8,}/);

    const graphCalls = h.logs.filter((l) => l.msg === 'graph call');
    expect(graphCalls.length).toBeGreaterThan(5);
    for (const call of graphCalls) {
      expect(call.component).toBe('graph');
      expect(call.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(call.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const applied = h.sim.control.writes().find((w) => w.status === 204)!;
    const outcome = h.logs.find(
      (l) => l.msg === 'assignment attempt ended' && l.status === 'assigned',
    );
    expect(outcome).toMatchObject({
      requestId: walked.requestId,
      graphRequestId: applied.requestId,
    });
    expect(graphCalls.some((l) => l.requestId === applied.requestId)).toBe(true);
    const components = new Set(h.logs.map((l) => l.component));
    expect([...components]).toEqual(expect.arrayContaining(['graph', 'intune', 'services']));
  });
});
