import { request as httpsRequest } from 'node:https';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { SIMULATED_BOT_APP } from '../../src/simulator/entra/constants';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { createTenant } from '../../src/simulator/seed';
import { botHarness, cardOf, cardText, type BotHarness } from '../support/bot-harness';
import { cardProblems } from '../support/card-log';
import {
  appliedWrites,
  clickInThread,
  eventually,
  meetApprovers,
  statusOf,
  submitRequest,
  threadReplies,
  type Submitted,
} from '../support/e2e';
import type { HttpAnswer, TeamsUserInfo } from '../support/teams-client';
import { ZOOM_TO_SALES, type WalkChoice } from '../support/walk';

/** Zoom for macOS: in the Finance apps scope tag, which approver2's Intune role does not cover. */
const FINANCE_APP_TO_SALES: WalkChoice = {
  kind: 'app',
  itemId: WELL_KNOWN.apps.macOSLob,
  target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
  intent: 'available',
};

interface LoginRequestBody {
  statusCode: number;
  type: string;
  value: {
    text: string;
    tokenExchangeResource?: { id: string; uri: string };
    buttons: { type: string; value: string }[];
  };
}

const loginRequestOf = (answer: HttpAnswer) => answer.body as LoginRequestBody;

/** Approve as Teams does it: the click, then the same invoke again with the user's token. */
async function approveWithSignIn(
  h: BotHarness,
  user: TeamsUserInfo,
  submitted: Submitted,
  token = h.sim.control.teamsToken(user.aadObjectId),
): Promise<{ first: HttpAnswer; second: HttpAnswer }> {
  const first = await clickInThread(h, user, 'request.approve', submitted);
  const exchange = loginRequestOf(first).value?.tokenExchangeResource;
  const second = await h.teams.execute(
    user,
    'request.approve',
    { requestId: submitted.requestId },
    {
      replyToId: submitted.thread.rootId,
      where: 'channel',
      authentication: { id: exchange?.id, token },
    },
  );
  return { first, second };
}

/** GETs a URL of the simulated Entra ID (HTTPS, its own certificate), without following redirects. */
function getEntra(
  sim: SimulatorHandle,
  url: string,
): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: sim.entra?.caPem }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('writes as the approver, through Teams single sign-on', () => {
  let h: BotHarness;
  let sim: SimulatorHandle;
  beforeEach(async () => {
    // The bot's application may only read: every write must go as a signed-in approver.
    sim = await startSimulator({
      tenant: createTenant(),
      port: 0,
      entra: true,
      settings: { appPermission: 'Read' },
    });
    h = await botHarness({ sim, env: { GRAPH_WRITE_AS: 'approver' } });
    await meetApprovers(h);
    h.connector.clear();
  });
  afterEach(async () => {
    await h.close();
    await sim.close();
    expect(cardProblems(h.emittedCards())).toEqual([]);
  });

  test("an Approve without a token is answered with Teams' sign-in request and changes nothing", async () => {
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const answer = await clickInThread(h, h.users.approver1, 'request.approve', submitted);
    // botbuilder answers the invoke with the response's own status, as Teams expects.
    expect(answer.status).toBe(401);
    const login = loginRequestOf(answer);
    expect(login.statusCode).toBe(401);
    expect(login.type).toBe('application/vnd.microsoft.activity.loginRequest');
    expect(login.value.tokenExchangeResource?.uri).toBe(SIMULATED_BOT_APP.appIdUri);
    expect(login.value.buttons[0]).toMatchObject({ type: 'signin' });
    expect(login.value.buttons[0]?.value).toContain(
      `/auth/consent?user=${h.users.approver1.aadObjectId}`,
    );
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('pending');
    expect(appliedWrites(h)).toEqual([]);
  });

  test("Teams' retried invoke carries the approver's token: the write is made as the approver, and the request is assigned", async () => {
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const { second } = await approveWithSignIn(h, h.users.approver1, submitted);
    expect(second.status).toBe(200);
    expect(cardText((second.body as { value: unknown }).value)).toMatch(/Approved by/);
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('assigned');
    const writes = h.sim.control.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.status).toBeLessThan(300);
    expect(writes[0]?.identity).toMatchObject({ kind: 'user', id: h.users.approver1.aadObjectId });
    // Reads (the check after the write included) stay the bot's own, read-only, application.
    const reads = h.sim.control.requests().filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((r) => r.identity?.kind))).toEqual(new Set(['application']));
  });

  test('an approver whose Intune role does not cover the app is refused by Intune: the request waits for another approver, who can approve it', async () => {
    const submitted = await submitRequest(h, FINANCE_APP_TO_SALES);
    const before = structuredClone(
      h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.macOSLob) ?? [],
    );
    const { second } = await approveWithSignIn(h, h.users.approver2, submitted);
    expect(second.status).toBe(200);
    await h.settle();
    await eventually(async () => (await statusOf(h, submitted.requestId)) === 'pending', 'pending');
    expect(h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.macOSLob) ?? []).toEqual(
      before,
    );
    const refusal = h.sim.control.writes();
    expect(refusal.map((w) => w.status)).toEqual([403]);
    const name = h.users.approver2.name;
    expect(threadReplies(h, submitted.thread).join('\n')).toContain(
      `${name}'s Intune role does not cover`,
    );
    const request = await h.app.store.get(submitted.requestId);
    expect(request?.decidedBy).toBeUndefined();
    // Every copy of the card says so and offers the decision again.
    const copies = h.connector.calls.filter((c) => c.kind === 'update');
    const last = copies[copies.length - 1];
    expect(cardText(cardOf(last))).toContain(`${name}'s Intune role does not cover this item`);

    // Another approver, whose role covers the Finance apps, approves it.
    await approveWithSignIn(h, h.users.approver1, submitted);
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('assigned');
    const accepted = h.sim.control.writes().filter((w) => w.status < 300);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.identity).toMatchObject({ id: h.users.approver1.aadObjectId });
  });

  test("another user's token, or an expired one, is refused with Teams' precondition failure and nothing changes", async () => {
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const someoneElse = h.sim.control.teamsToken(h.users.approver2.aadObjectId);
    const { second } = await approveWithSignIn(h, h.users.approver1, submitted, someoneElse);
    expect(second.body).toMatchObject({
      statusCode: 412,
      type: 'application/vnd.microsoft.error.preconditionFailed',
    });
    const expired = h.sim.control.teamsToken(h.users.approver1.aadObjectId, {
      expiresInSeconds: -600,
    });
    const late = await approveWithSignIn(h, h.users.approver1, submitted, expired);
    expect(late.second.body).toMatchObject({ statusCode: 412 });
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('pending');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('a forged token with the right user in it, or a huge one, is refused and nothing changes', async () => {
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      b64({ alg: 'RS256', typ: 'JWT', kid: 'forged' }),
      b64({
        aud: SIMULATED_BOT_APP.clientId,
        oid: h.users.approver1.aadObjectId,
        tid: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
      'c2lnbmF0dXJl',
    ].join('.');
    const { second } = await approveWithSignIn(h, h.users.approver1, submitted, forged);
    expect(second.body).toMatchObject({ statusCode: 412 });
    // A "token" of 100 KB is not one: the approver is asked to sign in, as without a token.
    const huge = await approveWithSignIn(h, h.users.approver1, submitted, 'x'.repeat(100_000));
    expect(loginRequestOf(huge.second).statusCode).toBe(401);
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('pending');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('without consent the sign-in request leads to the consent page; once consented there, the approval goes through', async () => {
    h.sim.control.settings({ adminConsent: false });
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const { second } = await approveWithSignIn(h, h.users.approver1, submitted);
    const login = loginRequestOf(second);
    expect(login.statusCode).toBe(401);
    // A second sign-in request, without single sign-on: its button is the way to consent.
    expect(login.value.tokenExchangeResource).toBeUndefined();
    expect(login.value.text).toMatch(/not yet allowed the bot/);
    expect(await statusOf(h, submitted.requestId)).toBe('pending');

    // The button: the bot's consent page sends the browser to Entra's consent prompt...
    const page = await fetch(login.value.buttons[0]!.value, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const prompt = page.headers.get('location') ?? '';
    expect(prompt.startsWith(h.sim.entra!.url)).toBe(true);
    // ...which records the consent and comes back to the bot's page.
    const consented = await getEntra(h.sim, prompt);
    expect(consented.status).toBe(302);
    const done = await fetch(consented.location ?? '');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Go back to Teams and click Approve again');

    const again = await approveWithSignIn(h, h.users.approver1, submitted);
    expect(again.second.status).toBe(200);
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('assigned');
  });

  test('the consent pages refuse what is not a user id and never echo markup', async () => {
    const base = h.teams.options.botUrl;
    const bad = await fetch(`${base}/auth/consent?user=..%2F..%2Fetc%2Fpasswd`, {
      redirect: 'manual',
    });
    expect(bad.status).toBe(400);
    const declined = await fetch(
      `${base}/auth/consent/done?error=access_denied&error_description=${encodeURIComponent('<script>alert(1)</script>')}`,
    );
    const page = await declined.text();
    expect(page).toContain('Nothing was allowed');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
    expect(declined.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  test('someone who may not approve is refused without being asked to sign in', async () => {
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const outsider = await clickInThread(h, h.users.outsider, 'request.approve', submitted);
    expect(JSON.stringify(outsider.body)).not.toContain('loginRequest');
    expect((outsider.body as { statusCode: number }).statusCode).toBe(403);
    const own = await clickInThread(h, h.users.requester, 'request.approve', submitted);
    expect(JSON.stringify(own.body)).not.toContain('loginRequest');
    expect(await statusOf(h, submitted.requestId)).toBe('pending');
  });

  test('Intune Multi Admin Approval holds the write, names the approver as its requestor, and the approved change is replayed as the same approver', async () => {
    h.sim.control.settings({ multiAdminApproval: true });
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    await approveWithSignIn(h, h.users.approver1, submitted);
    await eventually(
      async () => (await statusOf(h, submitted.requestId)) === 'awaiting-intune-approval',
      'the write held by Multi Admin Approval',
    );
    const [record] = h.sim.control.approvalRequests();
    const requestor = (record?.request as { requestor?: { user?: { id?: string } } }).requestor;
    expect(requestor?.user?.id).toBe(h.users.approver1.aadObjectId);
    h.sim.control.decideApproval(String(record?.request.id), 'approve');
    await eventually(
      async () => (await statusOf(h, submitted.requestId)) === 'assigned',
      'the replay after the Intune approval',
    );
    const writes = h.sim.control.writes();
    expect(writes).toHaveLength(2);
    for (const write of writes) {
      expect(write.identity).toMatchObject({ id: h.users.approver1.aadObjectId });
    }
  });

  test('no token appears in the logs, the cards or the store', async () => {
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const sso = h.sim.control.teamsToken(h.users.approver1.aadObjectId);
    await approveWithSignIn(h, h.users.approver1, submitted, sso);
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('assigned');
    const request = await h.app.store.get(submitted.requestId);
    const everything = [
      JSON.stringify(h.logs),
      JSON.stringify(h.emittedCards()),
      JSON.stringify(h.connector.calls),
      JSON.stringify(request),
    ].join('\n');
    // JWTs (ours and the Graph token Entra issued) all start with a base64url JSON header.
    expect(everything).not.toContain(sso);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});

describe('writes as the app (the default) are unchanged', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness();
    await meetApprovers(h);
  });
  afterEach(() => h.close());

  test('an Approve is carried out at once, without a sign-in request, and the write is the application', async () => {
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const answer = await clickInThread(h, h.users.approver1, 'request.approve', submitted);
    expect((answer.body as { type: string }).type).toBe('application/vnd.microsoft.card.adaptive');
    await h.settle();
    expect(await statusOf(h, submitted.requestId)).toBe('assigned');
    expect(h.sim.control.writes()[0]?.identity).toEqual({ kind: 'application' });
  });
});
