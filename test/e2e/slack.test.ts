import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { FakeSlackMessage } from '../../src/simulator/slack/fake-slack';
import { clickInThread, meetApprovers, statusOf, submitRequest, threadOf } from '../support/e2e';
import { requestInSlack, SLACK_CHANNEL, SLACK_TEAM, useSlack } from '../support/slack-harness';
import { stateValue } from '../../src/simulator/slack/slack-sender';
import { ZOOM_TO_SALES } from '../support/walk';

const ZOOM = WELL_KNOWN.apps.win32;
const SALES = `group:${WELL_KNOWN.groups.sales}`;
const toSales = { itemId: ZOOM, target: SALES, justification: 'Sales moves to Zoom in March.' };

const texts = (messages: FakeSlackMessage[]) => messages.map((m) => m.text);
const buttonsOf = (message: FakeSlackMessage | undefined) =>
  [...JSON.stringify(message?.blocks ?? []).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]);

describe('Slack: the same requests, approvals and threads', () => {
  const s = useSlack();

  test('a request made in a modal is approved from the channel: one write keeping every assignment, thread replies, DMs, the message updated in place', async () => {
    const before = structuredClone(s.sim.control.tenant().appAssignments.get(ZOOM) ?? []);
    const { review, submitted } = await requestInSlack(s, s.people.megan, toSales);
    expect(JSON.stringify(review.body)).toContain('+ Sales (required)');
    expect(JSON.stringify(submitted.body)).toMatch(/REQ-\d+ submitted/);

    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    expect(posted?.text).toMatch(/REQ-\d+ · Pending/);
    expect(buttonsOf(posted)).toEqual(['request.approve', 'request.reject']);
    expect(texts(s.fake.dmsTo(s.people.megan.id)).join('\n')).toMatch(/You submitted REQ-/);

    await s.slack.click(s.people.patti, { message: posted! }, 'request.approve');
    await s.h.settle();
    const request = (await s.h.app.store.list({ statuses: ['assigned'] }))[0];
    expect(request?.status).toBe('assigned');

    const writes = s.sim.control.writes();
    expect(writes).toHaveLength(1);
    expect(
      validateAgainstGraphSchema('beta', 'mobileApp_assign_request', writes[0]!.body).errors,
    ).toEqual([]);
    const after = s.sim.control.tenant().appAssignments.get(ZOOM) ?? [];
    for (const kept of before) expect(after).toContainEqual(kept);
    expect(after).toHaveLength(before.length + 1);

    const replies = texts(s.fake.repliesTo(posted!.ts, SLACK_CHANNEL));
    expect(replies.join('\n')).toMatch(/approved by Patti Fernandez/);
    expect(replies.join('\n')).toMatch(/is done: \+ Sales \(required\)/);
    expect(texts(s.fake.dmsTo(s.people.megan.id)).join('\n')).toMatch(
      /Your request REQ-\d+ is done/,
    );
    const now = s.fake.message(SLACK_CHANNEL, posted!.ts);
    expect(now?.text).toMatch(/Assigned/);
    expect(buttonsOf(now)).toEqual([]);
  });

  test('the typeahead answers from the same catalog and group search as Teams', async () => {
    await s.slack.command(s.people.megan, '/intune-assign', '');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    const items = await s.slack.blockSuggestion(s.people.megan, {
      action_id: 'item',
      block_id: 'item',
      value: 'zoom',
      view: {
        ...modal.view,
        id: modal.id,
        state: { values: { kind: { kind: stateValue.option('app') } } },
      },
    });
    expect(JSON.stringify(items.body)).toContain(ZOOM);
    const groups = await s.slack.blockSuggestion(s.people.megan, {
      action_id: 'target',
      block_id: 'target',
      value: 'sales',
      view: { ...modal.view, id: modal.id },
    });
    expect(JSON.stringify(groups.body)).toContain(SALES);
  });

  test('a non-approver and the requester are refused with an ephemeral message, and nothing changes', async () => {
    await requestInSlack(s, s.people.megan, toSales);
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    await s.slack.click(s.people.joni, { message: posted! }, 'request.approve');
    await s.slack.click(s.people.megan, { message: posted! }, 'request.approve');
    await s.h.settle();
    const told = s.fake.ephemerals.map((e) => `${e.user}: ${e.text}`).join('\n');
    expect(told).toMatch(/U0JONI0001: .*approver/i);
    expect(told).toMatch(/U0MEGAN001: You made REQ-\d+, so you cannot decide it/);
    expect(s.sim.control.writes()).toEqual([]);
    expect((await s.h.app.store.list({ statuses: ['pending'] })).length).toBe(1);
  });

  test('Reject asks for the reason in a modal; the requester and the thread see it', async () => {
    await requestInSlack(s, s.people.megan, toSales);
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    await s.slack.click(s.people.nestor, { message: posted! }, 'request.reject');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.nestor.id).at(-1)!;
    expect(modal.view.callback_id).toBe('request.reject-reason');
    const answer = await s.slack.viewSubmission(s.people.nestor, modal, {
      reason: { reason: stateValue.text('Use the Teams Phone rollout instead.') },
    });
    expect(answer.body).toEqual({ response_action: 'clear' });
    await s.h.settle();
    expect((await s.h.app.store.list({ statuses: ['rejected'] })).length).toBe(1);
    expect(texts(s.fake.repliesTo(posted!.ts, SLACK_CHANNEL)).join('\n')).toContain(
      'Use the Teams Phone rollout instead.',
    );
    expect(s.sim.control.writes()).toEqual([]);
  });

  test('the same options load twice in one second is answered twice; the same click twice is refused the second time', async () => {
    await s.slack.command(s.people.megan, '/intune-assign', '');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    const first = await s.slack.blockSuggestion(s.people.megan, {
      action_id: 'item',
      block_id: 'item',
      value: 'zoom',
      view: { ...modal.view, id: modal.id },
    });
    const again = await s.slack.resend();
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(JSON.stringify(again.body)).toContain('Zoom');

    await requestInSlack(s, s.people.megan, toSales);
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    await s.slack.click(s.people.joni, { message: posted! }, 'request.approve');
    expect((await s.slack.resend()).status).toBe(401);
    await s.h.settle();
    expect(s.fake.ephemerals.filter((e) => e.user === s.people.joni.id)).toHaveLength(1);
  });

  test('a bad signature, a stale timestamp, or another workspace changes nothing', async () => {
    const bad = await s.slack.command(s.people.megan, '/intune-assign', '', {
      forge: { secret: 'not-the-secret' },
    });
    const stale = await s.slack.command(s.people.megan, '/intune-assign', '', {
      forge: { skewSeconds: -600 },
    });
    expect([bad.status, stale.status]).toEqual([401, 401]);
    const other = await s.slack.command(s.people.megan, '/intune-assign', '', {
      forge: { teamId: 'T0OTHER001' },
    });
    expect(other.status).toBe(403);
    const replayed = await s.slack.command(s.people.megan, '/intune-assign', 'help');
    expect(replayed.status).toBe(200);
    expect((await s.slack.resend()).status).toBe(401);
    await s.h.settle();
    expect(s.fake.callsOf('views.open')).toEqual([]);
    expect(s.fake.openViews()).toEqual([]);
    expect(SLACK_TEAM).toBe(s.fake.teamId);
  });

  test("Slack's 429 with Retry-After is honoured: the request is still posted in the channel", async () => {
    s.fake.rateLimit('chat.postMessage', 1, 1);
    const started = Date.now();
    await requestInSlack(s, s.people.megan, toSales);
    await s.h.settle();
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    expect(posted?.text).toMatch(/REQ-\d+ · Pending/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  test("Slack's retry of an event is done once", async () => {
    const event = {
      type: 'message',
      channel_type: 'im',
      channel: 'D0MEGAN001',
      user: s.people.megan.id,
      text: 'help',
      ts: '1700000000.000100',
    };
    const first = await s.slack.event(event);
    const again = await s.slack.event(event, {
      eventId: s.slack.lastEventId,
      forge: { retry: { num: 1, reason: 'http_timeout' } },
    });
    expect([first.status, again.status]).toEqual([200, 200]);
    await s.h.settle();
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  test('a request made in Slack is approved in Teams, and one made in Teams is approved in Slack', async () => {
    await meetApprovers(s.h);
    await requestInSlack(s, s.people.megan, toSales);
    const [slackRequest] = await s.h.app.store.list({ statuses: ['pending'] });
    const thread = threadOf(s.h, `REQ-${slackRequest!.number}`);
    await clickInThread(s.h, s.h.users.approver1, 'request.approve', {
      requestId: slackRequest!.id,
      thread,
    });
    await s.h.settle();
    expect(await statusOf(s.h, slackRequest!.id)).toBe('assigned');
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    expect(s.fake.message(SLACK_CHANNEL, posted!.ts)?.text).toMatch(/Assigned/);

    const teams = await submitRequest(s.h, {
      ...ZOOM_TO_SALES,
      target: { type: 'group', groupId: WELL_KNOWN.groups.marketing },
    });
    const inSlack = s.fake.messagesIn(SLACK_CHANNEL).find((m) => m.text.includes(teams.displayId));
    await s.slack.click(s.people.patti, { message: inSlack! }, 'request.approve');
    await s.h.settle();
    expect(await statusOf(s.h, teams.requestId)).toBe('assigned');
    expect(s.sim.control.writes().filter((w) => w.status < 300)).toHaveLength(2);
  });
});
