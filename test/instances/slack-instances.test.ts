import { WELL_KNOWN } from '../../src/simulator/seed';
import { FakeSlack, type FakeSlackUser } from '../../src/simulator/slack/fake-slack';
import { SlackSender, stateValue } from '../../src/simulator/slack/slack-sender';
import { killHard } from '../support/bot-process';
import { eventually } from '../support/e2e';
import { startPair, type Instance, type Pair } from './two-instances';

const TEAM = 'T0CONTOSO1';
const CHANNEL = 'C0APPROVAL';
const TOKEN = 'xoxb-1111-2222-simulated-bot-token';
const SECRET = 'simulated-slack-signing-secret-0000';
const A = WELL_KNOWN.apps;
const G = WELL_KNOWN.groups;

/** Polls `find` until it gives something (and not an empty list), for `what`. */
async function until<T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  let found: T | undefined;
  await eventually(
    () => {
      found = find();
      return found !== undefined && !(Array.isArray(found) && found.length === 0);
    },
    what,
    timeoutMs,
  );
  return found!;
}

/**
 * Two real bot processes on one Azure Storage account, both serving Slack through one simulated
 * Slack: Slack may deliver a click or an event to either, or (a double click, a retry) to both.
 */
describe('Slack with two bot instances', () => {
  let p: Pair;
  let fake: FakeSlack;
  let megan: FakeSlackUser;
  let patti: FakeSlackUser;
  /** The fake's users, known once the tenant's sign-in names are. */
  const users: FakeSlackUser[] = [];
  const sender = (on: Instance) =>
    new SlackSender({
      botUrl: on.bot.url,
      signingSecret: SECRET,
      teamId: TEAM,
      newTriggerId: (from) => fake.newTriggerId(from),
    });

  beforeAll(async () => {
    fake = new FakeSlack({ botToken: TOKEN, teamId: TEAM, users });
    await fake.start();
    p = await startPair({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_TEAM_ID: TEAM,
      SLACK_APPROVALS_CHANNEL_ID: CHANNEL,
      SLACK_API_URL: fake.apiUrl,
    });
    const upn = (id: string) =>
      String(p.sim.control.tenant().users.find((u) => u.id === id)?.userPrincipalName);
    megan = {
      id: 'U0MEGAN001',
      teamId: TEAM,
      name: 'megan',
      email: upn(WELL_KNOWN.users.requester),
    };
    patti = {
      id: 'U0PATTI001',
      teamId: TEAM,
      name: 'patti',
      email: upn(WELL_KNOWN.users.approver1),
    };
    users.push(megan, patti);
  }, 90_000);
  afterAll(async () => {
    await p.close();
    await fake.stop();
  }, 30_000);

  const doneReplies = (ts: string) =>
    fake.repliesTo(ts, CHANNEL).filter((r) => /is done/.test(r.text));

  /** A request made in Slack through one instance: its channel message. */
  async function requestThrough(on: Instance, appId: string, groupId: string) {
    const slack = sender(on);
    await slack.command(megan, '/intune-assign', '');
    const modal = await until(() => fake.openViews(megan.id).at(-1), 'the modal');
    const review = await slack.viewSubmission(megan, modal, {
      kind: { kind: stateValue.option('app') },
      item: { item: stateValue.option(appId, 'app', 'external_select') },
      target: { target: stateValue.option(`group:${groupId}`, 'group', 'external_select') },
      mode: { mode: stateValue.option('exclude', 'Exclude', 'radio_buttons') },
      intent: { intent: stateValue.option('required') },
      justification: { justification: stateValue.text('Kept off the pilot devices.') },
    });
    const view = (review.body as { view: Record<string, unknown> }).view;
    const before = fake.messagesIn(CHANNEL).length;
    await slack.viewSubmission(megan, { ...view, id: modal.id }, {});
    return until(
      () =>
        fake.messagesIn(CHANNEL).length > before ? fake.messagesIn(CHANNEL).at(-1) : undefined,
      'the channel message',
    );
  }

  test('Approve clicked on both instances at once is written once, and the thread says assigned once', async () => {
    const message = await requestThrough(p.a, A.winGet, G.marketing);
    const requestId = JSON.stringify(message.blocks).match(/"value":"([^"]+)"/)![1]!;
    p.sim.control.clearWrites();
    const clicks = await Promise.all(
      [p.a, p.b, p.a, p.b].map((on) =>
        sender(on).blockActions(patti, {
          message,
          actions: [{ action_id: 'request.approve', value: requestId }],
        }),
      ),
    );
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200, 200]);
    await eventually(async () => (await p.store.get(requestId))?.status === 'assigned', 'assigned');
    expect(p.sim.control.writes().filter((w) => w.status === 204)).toHaveLength(1);
    const done = await until(() => doneReplies(message.ts), 'the thread reply');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(doneReplies(message.ts)).toEqual(done);
    expect(done).toHaveLength(1);
  }, 60_000);

  test('an event Slack delivers to both instances is answered once', async () => {
    const event = {
      type: 'message',
      channel_type: 'im',
      channel: 'D0MEGAN001',
      user: megan.id,
      text: 'help',
      ts: '1733480000.000100',
    };
    const before = fake.callsOf('chat.postMessage').length;
    const first = await sender(p.a).event(event, { eventId: 'Ev0TWOINST1' });
    const again = await sender(p.b).event(event, {
      eventId: 'Ev0TWOINST1',
      forge: { retry: { num: 1 } },
    });
    expect([first.status, again.status]).toEqual([200, 200]);
    await eventually(async () => fake.callsOf('chat.postMessage').length > before, 'the answer');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake.callsOf('chat.postMessage').length).toBe(before + 1);
  }, 30_000);

  test('the instance that acknowledged Approve is killed with kill -9 mid-write; the other finishes it and says so in the thread, nothing lost or doubled', async () => {
    const message = await requestThrough(p.a, A.iosStore, G.marketing);
    const requestId = JSON.stringify(message.blocks).match(/"value":"([^"]+)"/)![1]!;
    const before = p.groupsOf(A.iosStore);
    p.sim.control.clearWrites();
    const assign = `${A.iosStore}/assign`;
    p.sim.control.addFault({
      method: 'POST',
      path: `${assign}$`,
      latencyMs: 4000,
      times: 1,
    });
    const click = await sender(p.a).blockActions(patti, {
      message,
      actions: [{ action_id: 'request.approve', value: requestId }],
    });
    expect(click.status).toBe(200);
    await eventually(
      () => p.sim.control.requests().some((r) => r.method === 'POST' && r.url.includes(assign)),
      'the write leaving',
    );
    await killHard(p.a.bot);

    await eventually(
      async () => (await p.store.get(requestId))?.status === 'assigned',
      'assigned by the other instance',
      60_000,
    );
    expect(p.groupsOf(A.iosStore)).toEqual([...before, G.marketing].sort());
    const replies = await until(() => doneReplies(message.ts), 'the thread reply', 30_000);
    expect(replies).toHaveLength(1);
  }, 120_000);
});
