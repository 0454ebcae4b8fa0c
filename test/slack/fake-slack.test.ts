import { WebAPIPlatformError, WebClient, WebClientEvent, retryPolicies } from '@slack/web-api';
import type { View } from '@slack/web-api';
import { FakeSlack, MANIFEST_SCOPES, quietSlackLogger } from '../../src/simulator/slack/fake-slack';

const TOKEN = 'xoxb-test-0000-bot-token';
const MEGAN = { id: 'U0MEGAN001', teamId: 'T0TEAM0001', name: 'megan', email: 'megan@contoso.com' };
const PATTI = {
  id: 'U0PATTI001',
  teamId: 'T0TEAM0001',
  name: 'patti',
  email: 'Patti@contoso.com',
  realName: 'Patti Fernandez',
  displayName: 'Patti',
};
const CHANNEL = 'C0APPROVAL';

const modal = (overrides: Record<string, unknown> = {}) =>
  ({
    type: 'modal',
    callback_id: 'assign',
    title: { type: 'plain_text', text: 'Request an app' },
    submit: { type: 'plain_text', text: 'Next' },
    blocks: [
      {
        type: 'input',
        block_id: 'justification',
        label: { type: 'plain_text', text: 'Why?' },
        element: { type: 'plain_text_input', action_id: 'text', max_length: 500 },
      },
    ],
    ...overrides,
  }) as View;

/** What Slack refused the call with (`data` of the WebClient's platform error). */
async function refusal(call: Promise<unknown>): Promise<Record<string, unknown>> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WebAPIPlatformError)) throw new Error(`expected a refusal, got ${error}`);
  return error.data as unknown as Record<string, unknown>;
}

describe('the simulated Slack Web API, through a real WebClient', () => {
  let fake: FakeSlack;
  let slack: WebClient;
  let clock: { now: number } | undefined;

  beforeEach(async () => {
    clock = undefined;
    fake = new FakeSlack({
      botToken: TOKEN,
      teamId: 'T0TEAM0001',
      users: [MEGAN, PATTI],
      now: () => clock?.now ?? Date.now(),
      // The manifest's scopes, and im:write for the conversations.open tests below.
      scopes: [...MANIFEST_SCOPES, 'im:write'],
    });
    await fake.start();
    slack = new WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      logger: quietSlackLogger,
      retryConfig: retryPolicies.rapidRetryPolicy,
    });
  });

  afterEach(() => fake.stop());

  test('auth.test names the workspace and the bot', async () => {
    const answer = await slack.auth.test();
    expect(answer).toMatchObject({
      ok: true,
      team_id: 'T0TEAM0001',
      user_id: fake.botUserId,
      url: 'https://contoso.slack.com/',
    });
    expect(answer.bot_id).toMatch(/^B/);
  });

  test('another token is refused with invalid_auth, and none with not_authed', async () => {
    const stranger = new WebClient('xoxb-someone-else', {
      slackApiUrl: fake.apiUrl,
      logger: quietSlackLogger,
    });
    expect(await refusal(stranger.auth.test())).toMatchObject({ ok: false, error: 'invalid_auth' });
    const anonymous = new WebClient(undefined, {
      slackApiUrl: fake.apiUrl,
      logger: quietSlackLogger,
    });
    expect(await refusal(anonymous.auth.test())).toMatchObject({ error: 'not_authed' });
  });

  test('a message with blocks is answered as Slack does and recorded with its blocks decoded', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*REQ-1* Zoom → Sales' } }];
    const answer = await slack.chat.postMessage({ channel: CHANNEL, text: 'REQ-1', blocks });
    expect(answer).toMatchObject({
      ok: true,
      channel: CHANNEL,
      message: { type: 'message', text: 'REQ-1', user: fake.botUserId, blocks },
    });
    expect(answer.ts).toMatch(/^\d{10}\.\d{6}$/);
    const call = fake.callsOf('chat.postMessage')[0]!;
    expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(call.args.blocks).toEqual(blocks);
    expect(fake.messagesIn(CHANNEL).map((m) => m.text)).toEqual(['REQ-1']);
  });

  test('a JSON body with a bearer token is read as well as a form-encoded one', async () => {
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${TOKEN}`,
      },
      body: JSON.stringify({ channel: CHANNEL, text: 'hello', blocks: [{ type: 'divider' }] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: CHANNEL });
    expect(fake.messagesIn(CHANNEL)[0]).toMatchObject({
      text: 'hello',
      blocks: [{ type: 'divider' }],
    });
  });

  test('replies in a thread are kept apart from the channel and found by their parent', async () => {
    const parent = await slack.chat.postMessage({ channel: CHANNEL, text: 'REQ-1 submitted' });
    await slack.chat.postMessage({ channel: CHANNEL, thread_ts: parent.ts!, text: 'Approved' });
    await slack.chat.postMessage({ channel: CHANNEL, thread_ts: parent.ts!, text: 'Assigned' });
    expect(fake.messagesIn(CHANNEL)).toHaveLength(1);
    expect(fake.repliesTo(parent.ts!).map((m) => m.text)).toEqual(['Approved', 'Assigned']);
    expect(fake.problems).toEqual([]);
  });

  test('a reply to no message is answered ok, as Slack does, and recorded as a problem', async () => {
    await slack.chat.postMessage({
      channel: CHANNEL,
      thread_ts: '1700000000.000001',
      text: 'lost',
    });
    expect(fake.problems).toEqual([expect.objectContaining({ pointer: '/thread_ts' })]);
  });

  test('a message to a user id goes to their direct message channel, the one conversations.open gives', async () => {
    const posted = await slack.chat.postMessage({ channel: MEGAN.id, text: 'You submitted REQ-1' });
    expect(posted.channel).toMatch(/^D/);
    const opened = await slack.conversations.open({ users: MEGAN.id });
    expect(opened).toMatchObject({ ok: true, already_open: true, channel: { id: posted.channel } });
    await slack.chat.postMessage({ channel: opened.channel!.id!, text: 'REQ-1 was approved' });
    expect(fake.dmsTo(MEGAN.id).map((m) => m.text)).toEqual([
      'You submitted REQ-1',
      'REQ-1 was approved',
    ]);
    expect(fake.dmsTo(PATTI.id)).toEqual([]);
  });

  test('conversations.open gives a new D channel the first time, and refuses unknown users', async () => {
    expect(await slack.conversations.open({ users: PATTI.id })).toEqual(
      expect.objectContaining({ ok: true, channel: { id: expect.stringMatching(/^D/) } }),
    );
    expect(await refusal(slack.conversations.open({ users: 'U0NOBODY01' }))).toMatchObject({
      error: 'user_not_found',
    });
  });

  test('an update replaces the text, keeps the blocks unless new ones are sent, and keeps every version', async () => {
    const blocks = [{ type: 'section', text: { type: 'plain_text', text: 'Pending' } }];
    const posted = await slack.chat.postMessage({ channel: CHANNEL, text: 'Pending', blocks });
    const answer = await slack.chat.update({ channel: CHANNEL, ts: posted.ts!, text: 'Approved' });
    expect(answer).toMatchObject({ ok: true, channel: CHANNEL, ts: posted.ts, text: 'Approved' });
    expect(fake.message(CHANNEL, posted.ts!)).toMatchObject({ text: 'Approved', blocks });
    await slack.chat.update({ channel: CHANNEL, ts: posted.ts!, text: 'Assigned', blocks: [] });
    const now = fake.message(CHANNEL, posted.ts!)!;
    expect(now.blocks).toEqual([]);
    expect(now.versions.map((v) => v.text)).toEqual(['Pending', 'Approved', 'Assigned']);
  });

  test('an update of a message that does not exist is message_not_found', async () => {
    expect(
      await refusal(slack.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' })),
    ).toMatchObject({ error: 'message_not_found' });
  });

  test('an ephemeral message answers message_ts and is seen only in the ephemerals', async () => {
    const answer = await slack.chat.postEphemeral({
      channel: CHANNEL,
      user: PATTI.id,
      text: 'Only you',
    });
    expect(answer).toEqual(expect.objectContaining({ ok: true, message_ts: expect.any(String) }));
    expect(fake.ephemerals).toEqual([
      expect.objectContaining({ channel: CHANNEL, user: PATTI.id, text: 'Only you' }),
    ]);
    expect(fake.messagesIn(CHANNEL)).toEqual([]);
  });

  test('Slack refuses an unknown channel, a message with no text, and text over 40,000 characters', async () => {
    expect(await refusal(slack.chat.postMessage({ channel: 'nowhere', text: 'x' }))).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await refusal(slack.chat.postMessage({ channel: CHANNEL, text: '' }))).toMatchObject({
      error: 'no_text',
    });
    const long = 'x'.repeat(40_001);
    expect(await refusal(slack.chat.postMessage({ channel: CHANNEL, text: long }))).toMatchObject({
      error: 'msg_too_long',
    });
    await expect(
      slack.chat.postMessage({ channel: CHANNEL, text: 'x'.repeat(40_000) }),
    ).resolves.toMatchObject({ ok: true });
  });

  test('broken blocks are refused with invalid_blocks, Slack errors with JSON pointers, and kept as problems', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
    const data = await refusal(slack.chat.postMessage({ channel: CHANNEL, text: 'x', blocks }));
    expect(data).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      response_metadata: {
        messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      },
    });
    expect(fake.problems).toEqual([
      {
        method: 'chat.postMessage',
        pointer: '/blocks/0/text/text',
        message: 'must be less than 3001 characters',
      },
    ]);
    expect(fake.messagesIn(CHANNEL)).toEqual([]);
  });

  test('users.info and users.lookupByEmail answer the seeded users in Slack shape', async () => {
    const info = await slack.users.info({ user: PATTI.id });
    expect(info.user).toMatchObject({
      id: PATTI.id,
      team_id: 'T0TEAM0001',
      name: 'patti',
      real_name: 'Patti Fernandez',
      profile: { email: 'Patti@contoso.com', real_name: 'Patti Fernandez', display_name: 'Patti' },
    });
    const found = await slack.users.lookupByEmail({ email: 'patti@CONTOSO.com' });
    expect(found.user?.id).toBe(PATTI.id);
    expect(await refusal(slack.users.info({ user: 'U0NOBODY01' }))).toMatchObject({
      error: 'user_not_found',
    });
    expect(await refusal(slack.users.lookupByEmail({ email: 'x@y.z' }))).toMatchObject({
      error: 'users_not_found',
    });
  });

  test('views.open takes a trigger id the test issued and answers the view with its id and hash', async () => {
    const trigger = fake.newTriggerId({ userId: MEGAN.id });
    const answer = await slack.views.open({ trigger_id: trigger, view: modal() });
    expect(answer.view).toMatchObject({
      type: 'modal',
      team_id: 'T0TEAM0001',
      callback_id: 'assign',
      state: { values: {} },
      previous_view_id: null,
    });
    const id = answer.view!.id!;
    expect(id).toMatch(/^V/);
    expect(answer.view!.root_view_id).toBe(id);
    expect(answer.view!.hash).toEqual(expect.any(String));
    expect(fake.openViews(MEGAN.id).map((v) => v.id)).toEqual([id]);
  });

  test('a trigger id is exchanged once, within 3 seconds, and only if Slack issued it', async () => {
    clock = { now: Date.now() };
    const trigger = fake.newTriggerId();
    await slack.views.open({ trigger_id: trigger, view: modal() });
    expect(await refusal(slack.views.open({ trigger_id: trigger, view: modal() }))).toMatchObject({
      error: 'exchanged_trigger_id',
    });
    const late = fake.newTriggerId();
    clock.now += 3001;
    expect(await refusal(slack.views.open({ trigger_id: late, view: modal() }))).toMatchObject({
      error: 'expired_trigger_id',
    });
    expect(
      await refusal(slack.views.open({ trigger_id: '123.456.forged', view: modal() })),
    ).toMatchObject({ error: 'invalid_trigger_id' });
  });

  test('a modal past its limits is refused with invalid_arguments and Slack messages', async () => {
    const view = modal({ title: { type: 'plain_text', text: 'A title of twenty-five ch' } });
    const data = await refusal(slack.views.open({ trigger_id: fake.newTriggerId(), view }));
    expect(data).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: {
        messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
      },
    });
    expect(fake.openViews()).toEqual([]);
  });

  test('views.update replaces a view by id or external id, and a stale hash is hash_conflict', async () => {
    const opened = await slack.views.open({
      trigger_id: fake.newTriggerId({ userId: MEGAN.id }),
      view: modal({ external_id: 'req-1-wizard' }),
    });
    const { id, hash } = opened.view as { id: string; hash: string };
    const next = modal({ title: { type: 'plain_text', text: 'Choose a group' } });
    const updated = await slack.views.update({ view_id: id, hash, view: next });
    expect(updated.view?.hash).not.toBe(hash);
    expect(fake.view(id)).toMatchObject({
      updates: 1,
      view: { title: { text: 'Choose a group' } },
    });
    expect(await refusal(slack.views.update({ view_id: id, hash, view: next }))).toMatchObject({
      error: 'hash_conflict',
    });
    await slack.views.update({ external_id: 'req-1-wizard', view: modal() });
    expect(fake.view(id)?.updates).toBe(2);
    expect(await refusal(slack.views.update({ view_id: 'V0NOPE', view: modal() }))).toMatchObject({
      error: 'not_found',
    });
  });

  test('views.push stacks on the view the trigger came from, three views at most', async () => {
    const opened = await slack.views.open({
      trigger_id: fake.newTriggerId({ userId: MEGAN.id }),
      view: modal(),
    });
    const root = opened.view!.id!;
    const pushed = await slack.views.push({
      trigger_id: fake.newTriggerId({ userId: MEGAN.id, viewId: root }),
      view: modal(),
    });
    expect(pushed.view).toMatchObject({ root_view_id: root, previous_view_id: root });
    await slack.views.push({ trigger_id: fake.newTriggerId({ userId: MEGAN.id }), view: modal() });
    expect(
      await refusal(
        slack.views.push({ trigger_id: fake.newTriggerId({ userId: MEGAN.id }), view: modal() }),
      ),
    ).toMatchObject({ error: 'push_limit_reached' });
    fake.closeView(root);
    expect(fake.openViews()).toEqual([]);
  });

  test('a WebClient told to wait by a 429 waits Retry-After and then succeeds', async () => {
    fake.rateLimit('chat.postMessage', 1, 1);
    const limited: number[] = [];
    slack.on(WebClientEvent.RATE_LIMITED, (seconds: number) => limited.push(seconds));
    const started = Date.now();
    const answer = await slack.chat.postMessage({ channel: CHANNEL, text: 'REQ-1' });
    expect(answer.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(limited).toEqual([1]);
    const calls = fake.callsOf('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(fake.messagesIn(CHANNEL)).toHaveLength(1);
  });

  test('a 429 carries Retry-After and ratelimited, as Slack sends them', async () => {
    fake.rateLimit('users.info', 2, 7);
    const response = await fetch(`${fake.apiUrl}users.info`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${TOKEN}`,
      },
      body: `user=${PATTI.id}`,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
    const impatient = new WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      rejectRateLimitedCalls: true,
      logger: quietSlackLogger,
    });
    await expect(impatient.users.info({ user: PATTI.id })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
    await expect(impatient.users.info({ user: PATTI.id })).resolves.toMatchObject({ ok: true });
  });

  test('clear forgets the calls and problems but keeps the messages', async () => {
    await slack.chat.postMessage({ channel: CHANNEL, text: 'kept' });
    fake.clear();
    expect(fake.calls).toEqual([]);
    expect(fake.messagesIn(CHANNEL)).toHaveLength(1);
  });
});

describe('the simulated Slack Web API, with the scopes an app was installed with', () => {
  test('a method whose scope is missing gets missing_scope, and users.info leaves the email out without users:read.email', async () => {
    const fake = new FakeSlack({ botToken: TOKEN, users: [MEGAN], scopes: ['users:read'] });
    await fake.start();
    const slack = new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, logger: quietSlackLogger });
    try {
      const refused = await slack.chat
        .postMessage({ channel: MEGAN.id, text: 'hello' })
        .catch((e: unknown) => (e as WebAPIPlatformError).data);
      expect(refused).toMatchObject({
        ok: false,
        error: 'missing_scope',
        needed: 'chat:write',
        provided: 'users:read',
      });
      const info = await slack.users.info({ user: MEGAN.id });
      expect(info.user?.profile?.email).toBeUndefined();
      expect(info.user?.name).toBe(MEGAN.name);
    } finally {
      await fake.stop();
    }
  });
});
