import { request as httpsRequest } from 'node:https';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { FakeSlackEphemeral } from '../../src/simulator/slack/fake-slack';
import { statusOf } from '../support/e2e';
import {
  requestInSlack,
  SLACK_CHANNEL,
  slackHarness,
  type SlackHarness,
} from '../support/slack-harness';

const ZOOM = WELL_KNOWN.apps.win32;
const toSales = {
  itemId: ZOOM,
  target: `group:${WELL_KNOWN.groups.sales}`,
  justification: 'Sales moves to Zoom in March.',
};
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ/;

/** A GET without following redirects: the bot's pages over HTTP, Entra's over HTTPS. */
function get(
  s: SlackHarness,
  url: string,
): Promise<{ status: number; location: string; html: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: s.sim.entra?.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location ?? '',
          html: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function getPage(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  return {
    status: res.status,
    location: res.headers.get('location') ?? '',
    html: await res.text(),
  };
}

const linkOf = (ephemeral: FakeSlackEphemeral | undefined) =>
  /"url":"([^"]+)"/.exec(JSON.stringify(ephemeral?.blocks ?? []))?.[1] ?? '';

describe('Slack approvals when writes run as the approver: the approver signs in to Microsoft', () => {
  let s: SlackHarness;
  let requestId: string;
  let posted: { ts: string };

  beforeEach(async () => {
    // The bot's application may only read: every write must go as a signed-in approver.
    s = await slackHarness(
      { GRAPH_WRITE_AS: 'approver' },
      { entra: true, settings: { appPermission: 'Read' } },
    );
    await requestInSlack(s, s.people.megan, toSales);
    posted = s.fake.messagesIn(SLACK_CHANNEL)[0]!;
    requestId = (await s.h.app.store.list({ statuses: ['pending'] }))[0]!.id;
  });
  afterEach(async () => {
    await s.close();
    expect(s.fake.problems).toEqual([]);
  });

  /** Patti clicks Approve; the link only she sees. */
  async function clickApprove(who = s.people.patti): Promise<string> {
    await s.slack.click(
      who,
      { message: s.fake.message(SLACK_CHANNEL, posted.ts)! },
      'request.approve',
    );
    await s.h.settle();
    return linkOf(s.fake.ephemerals.filter((e) => e.user === who.id).at(-1));
  }

  /** The link through the simulated Entra ID, back to the bot; `tamper` changes Entra's URL. */
  async function follow(
    link: string,
    tamper: { entra?: (entra: URL) => void; back?: (back: URL) => void } = {},
  ) {
    const opened = await getPage(link);
    expect(opened.status).toBe(302);
    const entra = new URL(opened.location);
    tamper.entra?.(entra);
    const signedIn = await get(s, entra.toString());
    const back = new URL(signedIn.location);
    tamper.back?.(back);
    const done = await getPage(back.toString());
    await s.h.settle();
    return { entra, back, done };
  }

  async function nothingChanged() {
    expect(await statusOf(s.h, requestId)).toBe('pending');
    expect(s.sim.control.writes()).toEqual([]);
  }

  test('a write Intune refused is retried by another approver signing in: the retry writes as them', async () => {
    s.sim.control.addFault({ method: 'POST', path: '/assign$', status: 400, times: 1 });
    await follow(await clickApprove());
    expect(await statusOf(s.h, requestId)).toBe('failed');
    const failed = s.fake.message(SLACK_CHANNEL, posted.ts)!;
    expect(JSON.stringify(failed.blocks)).toContain('request.retry');

    await s.slack.click(s.people.nestor, { message: failed }, 'request.retry');
    await s.h.settle();
    const told = s.fake.ephemerals.filter((e) => e.user === s.people.nestor.id).at(-1);
    expect(JSON.stringify(told?.blocks)).toMatch(/Sign in to Microsoft to retry REQ-\d+/);
    const { entra, done } = await follow(linkOf(told));
    expect(entra.searchParams.get('login_hint')).toBe(s.people.nestor.email);
    expect(done.html).toMatch(/REQ-\d+ retried/);

    expect(await statusOf(s.h, requestId)).toBe('assigned');
    const applied = s.sim.control.writes().filter((w) => w.status === 204);
    expect(applied).toHaveLength(1);
    expect(applied[0]?.identity).toMatchObject({ kind: 'user', id: WELL_KNOWN.users.approver2 });
  });

  test('Patti approves by signing in to Microsoft: the write is made as Patti, the thread and Megan hear of it, and no token is kept anywhere', async () => {
    const link = await clickApprove();
    const told = s.fake.ephemerals.at(-1)!;
    expect(told.user).toBe(s.people.patti.id);
    expect(JSON.stringify(told.blocks)).toMatch(/Sign in to Microsoft to approve REQ-\d+/);
    const url = new URL(link);
    expect(url.pathname).toBe('/auth/slack/decide');
    expect([...url.searchParams.keys()]).toEqual(['ticket']);

    const { entra, back, done } = await follow(link);
    expect(entra.pathname).toBe(`/${s.sim.entra!.tenantId}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(entra.searchParams)).toMatchObject({
      client_id: s.sim.entra!.bot.clientId,
      response_type: 'code',
      redirect_uri: `${new URL(link).origin}/auth/slack/done`,
      code_challenge_method: 'S256',
      login_hint: s.people.patti.email,
    });
    expect(entra.searchParams.get('scope')).toContain('DeviceManagementApps.ReadWrite.All');
    expect(done.status).toBe(200);
    expect(done.html).toMatch(/REQ-\d+ approved; the write to Intune is running as you/);

    expect(await statusOf(s.h, requestId)).toBe('assigned');
    const writes = s.sim.control.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.identity).toMatchObject({ kind: 'user', id: WELL_KNOWN.users.approver1 });
    const replies = s.fake.repliesTo(posted.ts, SLACK_CHANNEL).map((m) => m.text);
    expect(replies.join('\n')).toMatch(/approved by Patti Fernandez/);
    expect(
      s.fake
        .dmsTo(s.people.megan.id)
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/Your request REQ-\d+ is done/);

    const settings = await s.h.app.store.settingsWithPrefix('');
    const kept = [
      JSON.stringify(s.h.logs),
      JSON.stringify(settings),
      JSON.stringify(await s.h.app.store.get(requestId)),
    ].join('\n');
    const everything = `${kept}\n${JSON.stringify(s.fake.calls)}`;
    expect(everything).not.toMatch(JWT);
    expect(everything).not.toContain(back.searchParams.get('code'));
    // The ticket is in Patti's ephemeral only: the store keeps nothing a link could be made of.
    expect(kept).not.toContain(url.searchParams.get('ticket'));
  });

  test('a non-approver and the requester are refused at the click and get no sign-in link', async () => {
    expect(await clickApprove(s.people.joni)).toBe('');
    expect(await clickApprove(s.people.megan)).toBe('');
    const told = s.fake.ephemerals.map((e) => `${e.user}: ${e.text}`).join('\n');
    expect(told).toMatch(/U0JONI0001: .*approver/i);
    expect(told).toMatch(/U0MEGAN001: You made REQ-\d+, so you cannot decide it/);
    expect(await s.h.app.store.settingsWithPrefix('sign-in:')).toEqual([]);
    await nothingChanged();
  });

  test('a sign-in link works once: opened again after approving, it is refused', async () => {
    const link = await clickApprove();
    await follow(link);
    expect(await statusOf(s.h, requestId)).toBe('assigned');
    const again = await getPage(link);
    expect(again.status).toBe(410);
    expect(again.html).toMatch(/has been used, has expired or is not one the bot made/);
    expect(s.sim.control.writes()).toHaveLength(1);
  });

  test('a sign-in link is refused after 10 minutes, and nothing changes', async () => {
    const link = await clickApprove();
    s.h.clock.advanceHours(11 / 60);
    const late = await getPage(link);
    expect(late.status).toBe(410);
    await nothingChanged();
  });

  test('someone else signing in at Microsoft is refused, and nothing changes', async () => {
    const link = await clickApprove();
    const nestor = s.people.nestor.email;
    const { done } = await follow(link, {
      entra: (entra) => entra.searchParams.set('login_hint', nestor),
    });
    expect(done.status).toBe(401);
    expect(done.html).toMatch(/Someone other than the approver signed in/);
    await nothingChanged();
  });

  test('a forged state or code changes nothing, and a forged code spends the link', async () => {
    const link = await clickApprove();
    const base = new URL(link).origin;
    const forgedState = await getPage(`${base}/auth/slack/done?state=forged&code=forged`);
    expect(forgedState.status).toBe(410);
    const { done } = await follow(link, {
      back: (back) => back.searchParams.set('code', 'forged-code-entra-never-issued'),
    });
    expect(done.status).toBe(401);
    expect(done.html).toMatch(/Entra ID did not accept this sign-in/);
    await nothingChanged();
    expect((await getPage(link)).status).toBe(410);
  });

  test("Entra's error redirect (the approver cancelled) is told on the page, escaped, and nothing changes", async () => {
    const link = await clickApprove();
    const opened = await getPage(link);
    const state = new URL(opened.location).searchParams.get('state') ?? '';
    const why = 'AADSTS65004: User declined to consent <script>alert(1)</script>';
    const done = await getPage(
      `${new URL(link).origin}/auth/slack/done?${new URLSearchParams({ error: 'access_denied', error_description: why, state })}`,
    );
    expect(done.status).toBe(401);
    expect(done.html).toContain('User declined to consent &lt;script&gt;');
    expect(done.html).not.toContain('<script>');
    await nothingChanged();
  });

  test('without consent the page links to the consent page; once consented there, a new click approves', async () => {
    s.sim.control.settings({ adminConsent: false });
    const { done } = await follow(await clickApprove());
    expect(done.status).toBe(403);
    await nothingChanged();
    const consent = /href="([^"]+)"/.exec(done.html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(consent).toContain(`/auth/consent?user=${WELL_KNOWN.users.approver1}`);
    const prompt = await getPage(consent);
    const consented = await get(s, prompt.location);
    expect((await getPage(consented.location)).status).toBe(200);

    const { done: approved } = await follow(await clickApprove());
    expect(approved.status).toBe(200);
    expect(await statusOf(s.h, requestId)).toBe('assigned');
  });
});
