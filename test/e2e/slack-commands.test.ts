import { WELL_KNOWN } from '../../src/simulator/seed';
import {
  requestInSlack,
  SLACK_CHANNEL,
  slackHarness,
  type SlackHarness,
} from '../support/slack-harness';

const toSales = {
  itemId: WELL_KNOWN.apps.win32,
  target: `group:${WELL_KNOWN.groups.sales}`,
  justification: 'Sales moves to Zoom <!channel> <https://evil.example|click here>',
};

const textOf = (body: unknown) => String((body as { text?: string }).text ?? '');

describe('Slack: status and cancel, as in Teams', () => {
  let s: SlackHarness;
  let id: string;
  beforeEach(async () => {
    s = await slackHarness();
    await requestInSlack(s, s.people.megan, toSales);
    const [request] = await s.h.app.store.list({ statuses: ['pending'] });
    id = `REQ-${request!.number}`;
  });
  afterEach(async () => {
    await s.close();
    expect(s.fake.problems).toEqual([]);
  });

  test('status shows the request to its requester and an approver, with what people typed kept as text', async () => {
    const mine = await s.slack.command(s.people.megan, '/intune-assign', `status ${id}`);
    expect(mine.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(mine.body)).toContain(`${id} is waiting for approval`);
    expect(textOf(mine.body)).toContain('+ Sales (required)');
    expect(textOf(mine.body)).toContain('&lt;!channel&gt; &lt;https://evil.example|click here&gt;');
    expect(textOf(mine.body)).not.toContain('<!channel>');

    const approver = await s.slack.command(
      s.people.patti,
      '/intune-assign',
      `status ${id.toLowerCase()}`,
    );
    expect(textOf(approver.body)).toContain(id);
  });

  test('someone who is neither the requester nor an approver is told there is no such request', async () => {
    const answer = await s.slack.command(s.people.joni, '/intune-assign', `status ${id}`);
    expect(textOf(answer.body)).toBe(`There is no request ${id}.`);
  });

  test('the requester cancels with the slash command; the channel message and the thread say so, and nothing is written', async () => {
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    const answer = await s.slack.command(s.people.megan, '/intune-assign', `cancel ${id}`);
    expect(textOf(answer.body)).toMatch(new RegExp(`${id} was cancelled`));
    await s.h.settle();
    expect((await s.h.app.store.list({ statuses: ['cancelled'] })).length).toBe(1);
    const now = s.fake.message(SLACK_CHANNEL, posted!.ts);
    expect(now?.text).toMatch(/Cancelled/);
    expect(JSON.stringify(now?.blocks)).not.toContain('request.approve');
    expect(
      s.fake
        .repliesTo(posted!.ts, SLACK_CHANNEL)
        .map((r) => r.text)
        .join('\n'),
    ).toMatch(/cancelled/);
    expect(s.sim.control.writes()).toEqual([]);
  });

  test('an approver cannot cancel someone else’s request, and it stays pending', async () => {
    const answer = await s.slack.command(s.people.patti, '/intune-assign', `cancel ${id}`);
    expect(textOf(answer.body)).toMatch(/Only Megan Bowen/);
    expect((await s.h.app.store.list({ statuses: ['pending'] })).length).toBe(1);
  });

  test('status in a direct message to the bot is answered there', async () => {
    const dm = `D${s.people.megan.id.slice(1)}`;
    await s.slack.event({
      type: 'message',
      channel_type: 'im',
      channel: dm,
      user: s.people.megan.id,
      text: `status ${id}`,
      ts: '1733480000.000200',
    });
    await s.h.settle();
    const said = s.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === dm);
    expect(String(said.at(-1)?.args.text)).toContain(`${id} is waiting for approval`);
  });
});
