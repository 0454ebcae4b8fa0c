import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient, retryPolicies } from '@slack/web-api';
import { SlackSignatures } from '../../src/slack/signature';
import { FakeSlack, quietSlackLogger } from '../../src/simulator/slack/fake-slack';
import { SlackSender, stateValue } from '../../src/simulator/slack/slack-sender';

const SECRET = 'sender-test-signing-secret';
const TOKEN = 'xoxb-sender-test';
const TEAM = 'T0TEAM0001';
const MEGAN = { id: 'U0MEGAN001', teamId: TEAM, name: 'megan', email: 'megan@contoso.com' };

/** What the echo server saw of one request. */
interface Seen {
  path: string;
  check: ReturnType<SlackSignatures['check']>;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
  fields: Record<string, string>;
  payload?: Record<string, unknown>;
  json?: Record<string, unknown>;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // a forged body: the checks below are on the signature, not the content
  }
}

/**
 * A bot stand-in: checks every request with SlackSignatures on its raw bytes, decodes it as the
 * transport must (form fields, `payload=<json>`, or a JSON body) and answers as a Slack app does.
 */
async function echoServer(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const signatures = new SlackSignatures({ signingSecret: SECRET });
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const check = signatures.check(req.headers, raw);
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!;
      const entry: Seen = {
        path: req.url ?? '',
        check,
        contentType,
        headers: req.headers,
        fields: {},
      };
      if (contentType === 'application/json') {
        entry.json = parseJson(raw.toString('utf8'));
      } else {
        entry.fields = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
        entry.payload = parseJson(entry.fields.payload);
      }
      seen.push(entry);
      if (!check.ok) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        return res.end(`refused: ${check.reason}`);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (entry.json?.type === 'url_verification') {
        return res.end(JSON.stringify({ challenge: entry.json.challenge }));
      }
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('requests to the bot as Slack sends them', () => {
  let echo: Awaited<ReturnType<typeof echoServer>>;
  let fake: FakeSlack;
  let sender: SlackSender;
  let slack: WebClient;

  beforeEach(async () => {
    echo = await echoServer();
    fake = new FakeSlack({ botToken: TOKEN, teamId: TEAM, users: [MEGAN] });
    await fake.start();
    slack = new WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      logger: quietSlackLogger,
      retryConfig: retryPolicies.rapidRetryPolicy,
    });
    sender = new SlackSender({
      botUrl: echo.url,
      signingSecret: SECRET,
      teamId: TEAM,
      newTriggerId: (from) => fake.newTriggerId(from),
    });
  });

  afterEach(async () => {
    await echo.close();
    await fake.stop();
  });

  const last = () => echo.seen[echo.seen.length - 1]!;

  test("a slash command is form-encoded with Slack's fields and a signature the bot accepts", async () => {
    const answer = await sender.command(MEGAN, '/intune-assign', 'zoom', {
      channelId: 'C0APPROVAL',
    });
    expect(answer).toEqual(expect.objectContaining({ status: 200, body: { ok: true } }));
    expect(last()).toMatchObject({
      path: '/api/slack/commands',
      check: { ok: true },
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(Object.keys(last().fields)).toEqual(
      expect.arrayContaining([
        'token',
        'team_id',
        'team_domain',
        'channel_id',
        'channel_name',
        'user_id',
        'user_name',
        'command',
        'text',
        'api_app_id',
        'response_url',
        'trigger_id',
      ]),
    );
    expect(last().fields).toMatchObject({
      team_id: TEAM,
      channel_id: 'C0APPROVAL',
      user_id: MEGAN.id,
      user_name: 'megan',
      command: '/intune-assign',
      text: 'zoom',
    });
    expect(last().fields.trigger_id).toBe(sender.lastTriggerId);
  });

  test("the command's trigger id opens a modal in the fake Slack, once", async () => {
    await sender.command(MEGAN, '/intune-assign', '');
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Request an app' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Choose an app' } }],
    };
    const opened = await slack.views.open({ trigger_id: last().fields.trigger_id!, view });
    expect(opened.ok).toBe(true);
    expect(fake.openViews(MEGAN.id)).toHaveLength(1);
    await expect(
      slack.views.open({ trigger_id: last().fields.trigger_id!, view }),
    ).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });
  });

  test('a command from a DM names the DM channel, as Slack does', async () => {
    await sender.command(MEGAN, '/intune-assign', 'help');
    expect(last().fields).toMatchObject({
      channel_id: 'D0MEGAN001',
      channel_name: 'directmessage',
    });
  });

  test('a click on a button of a message the bot posted sends block_actions with its block and value', async () => {
    const posted = await slack.chat.postMessage({
      channel: 'C0APPROVAL',
      text: 'REQ-1',
      blocks: [
        {
          type: 'actions',
          block_id: 'req-1',
          elements: [
            {
              type: 'button',
              action_id: 'request.approve',
              text: { type: 'plain_text', text: 'Approve' },
              value: 'REQ-1',
            },
          ],
        },
      ],
    });
    const message = fake.message('C0APPROVAL', posted.ts!)!;
    await sender.click(MEGAN, { message }, 'request.approve');
    expect(last()).toMatchObject({ path: '/api/slack/interactivity', check: { ok: true } });
    expect(Object.keys(last().fields)).toEqual(['payload']);
    expect(last().payload).toMatchObject({
      type: 'block_actions',
      user: { id: MEGAN.id, username: 'megan', team_id: TEAM },
      team: { id: TEAM, domain: 'contoso' },
      api_app_id: 'A0APP00001',
      container: { type: 'message', message_ts: posted.ts, channel_id: 'C0APPROVAL' },
      channel: { id: 'C0APPROVAL' },
      message: { ts: posted.ts, text: 'REQ-1' },
      trigger_id: sender.lastTriggerId,
      response_url: expect.stringMatching(/^https:\/\/hooks\.slack\.com\/actions\//),
      actions: [
        {
          type: 'button',
          action_id: 'request.approve',
          block_id: 'req-1',
          value: 'REQ-1',
          action_ts: expect.any(String),
        },
      ],
    });
    expect(() => sender.click(MEGAN, { message }, 'request.nothing')).toThrow(/No element/);
  });

  test('a view submission carries the open view, its hash and the state values', async () => {
    const opened = await slack.views.open({
      trigger_id: fake.newTriggerId({ userId: MEGAN.id }),
      view: {
        type: 'modal',
        callback_id: 'assign.justify',
        private_metadata: 'REQ-1',
        title: { type: 'plain_text', text: 'Justification' },
        submit: { type: 'plain_text', text: 'Submit' },
        blocks: [
          {
            type: 'input',
            block_id: 'why',
            label: { type: 'plain_text', text: 'Why?' },
            element: { type: 'plain_text_input', action_id: 'text' },
          },
        ],
      },
    });
    const view = fake.view(opened.view!.id!)!;
    await sender.viewSubmission(MEGAN, view, { why: { text: stateValue.text('Sales needs it') } });
    expect(last().check).toEqual({ ok: true });
    expect(last().payload).toMatchObject({
      type: 'view_submission',
      user: { id: MEGAN.id },
      trigger_id: expect.any(String),
      view: {
        id: view.id,
        hash: view.hash,
        callback_id: 'assign.justify',
        private_metadata: 'REQ-1',
        root_view_id: view.id,
        state: { values: { why: { text: { type: 'plain_text_input', value: 'Sales needs it' } } } },
      },
    });
    await sender.viewClosed(MEGAN, view);
    expect(last().payload).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { id: view.id },
    });
  });

  test('a global shortcut and an options load are sent where Slack sends them', async () => {
    await sender.shortcut(MEGAN, 'intune.assign');
    expect(last()).toMatchObject({ path: '/api/slack/interactivity', check: { ok: true } });
    expect(last().payload).toMatchObject({
      type: 'shortcut',
      callback_id: 'intune.assign',
      trigger_id: expect.any(String),
      user: { id: MEGAN.id, team_id: TEAM },
    });
    await sender.blockSuggestion(MEGAN, {
      action_id: 'item',
      block_id: 'item',
      value: 'zoo',
      view: { id: 'V0000000001', type: 'modal' },
    });
    expect(last()).toMatchObject({ path: '/api/slack/options', check: { ok: true } });
    expect(last().payload).toMatchObject({
      type: 'block_suggestion',
      action_id: 'item',
      value: 'zoo',
      container: { type: 'view', view_id: 'V0000000001' },
    });
  });

  test('an event is a JSON event_callback with an event id, and url_verification is answered', async () => {
    await sender.event({
      type: 'app_mention',
      user: MEGAN.id,
      text: '<@U0BOT00001> help',
      channel: 'C1',
    });
    expect(last()).toMatchObject({
      path: '/api/slack/events',
      check: { ok: true },
      contentType: 'application/json',
    });
    expect(last().json).toMatchObject({
      type: 'event_callback',
      team_id: TEAM,
      api_app_id: 'A0APP00001',
      event_id: sender.lastEventId,
      event: { type: 'app_mention', user: MEGAN.id, event_ts: expect.any(String) },
      authorizations: [{ team_id: TEAM, is_bot: true }],
    });
    expect(sender.lastEventId).toMatch(/^Ev/);
    const answer = await sender.urlVerification('challenge-123');
    expect(answer.body).toEqual({ challenge: 'challenge-123' });
  });

  test("Slack's retry carries the same event id, the retry headers and a fresh valid signature", async () => {
    await sender.event({ type: 'app_mention', text: 'hi' });
    const first = sender.lastEventId;
    await sender.event(
      { type: 'app_mention', text: 'hi' },
      { eventId: first, forge: { retry: { num: 1 } } },
    );
    expect(last().check).toEqual({ ok: true });
    expect(last().headers).toMatchObject({
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(last().json?.event_id).toBe(first);
  });

  test('a wrong secret is a mismatch, an old timestamp stale, no signature missing', async () => {
    const refused = await sender.command(MEGAN, '/intune-assign', '', {
      forge: { secret: 'wrong' },
    });
    expect(refused).toMatchObject({ status: 401, body: 'refused: mismatch' });
    await sender.shortcut(MEGAN, 'x', { skewSeconds: -301 });
    expect(last().check).toEqual({ ok: false, reason: 'stale' });
    await sender.event({ type: 'app_mention' }, { forge: { timestamp: 1_000_000_000 } });
    expect(last().check).toEqual({ ok: false, reason: 'stale' });
    await sender.shortcut(MEGAN, 'x', { unsigned: true });
    expect(last().check).toEqual({ ok: false, reason: 'missing' });
  });

  test('a body changed after signing is a mismatch; a raw body is signed as sent', async () => {
    await sender.shortcut(MEGAN, 'x', {
      tamper: (body) => Buffer.from(body.toString().replace('shortcut', 'shortcuT')),
    });
    expect(last().check).toEqual({ ok: false, reason: 'mismatch' });
    await sender.shortcut(MEGAN, 'x', { rawBody: 'payload=not-json' });
    expect(last()).toMatchObject({ check: { ok: true }, fields: { payload: 'not-json' } });
  });

  test('the same request sent again byte for byte is refused as a replay', async () => {
    await sender.shortcut(MEGAN, 'intune.assign');
    expect(last().check).toEqual({ ok: true });
    const again = await sender.resend();
    expect(again.status).toBe(401);
    expect(last().check).toEqual({ ok: false, reason: 'replayed' });
  });

  test('another workspace can be forged into the payload, still correctly signed', async () => {
    await sender.command(MEGAN, '/intune-assign', '', { forge: { teamId: 'T0OTHER001' } });
    expect(last()).toMatchObject({ check: { ok: true }, fields: { team_id: 'T0OTHER001' } });
    await sender.shortcut(MEGAN, 'x', { teamId: 'T0OTHER001' });
    expect(last().payload).toMatchObject({
      team: { id: 'T0OTHER001' },
      user: { team_id: 'T0OTHER001' },
    });
  });

  test('the paths can be set to where the bot listens', async () => {
    const single = new SlackSender({
      botUrl: echo.url,
      signingSecret: SECRET,
      teamId: TEAM,
      paths: { commands: '/slack/events', interactivity: '/slack/events' },
    });
    await single.command(MEGAN, '/intune-assign', '');
    await single.shortcut(MEGAN, 'x');
    expect(echo.seen.map((s) => s.path)).toEqual(['/slack/events', '/slack/events']);
  });
});
