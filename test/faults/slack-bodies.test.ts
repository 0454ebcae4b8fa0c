import { gzipSync } from 'node:zlib';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { stateValue } from '../../src/simulator/slack/slack-sender';
import {
  requestInSlack,
  SLACK_CHANNEL,
  SLACK_TEAM,
  useSlack,
  ZOOM_FOR_SALES,
} from '../support/slack-harness';

const toSales = ZOOM_FOR_SALES;

/** A slash command's form fields, as Slack sends them. */
const commandForm = (user: string) =>
  new URLSearchParams({
    team_id: SLACK_TEAM,
    user_id: user,
    channel_id: SLACK_CHANNEL,
    command: '/intune-assign',
    text: '',
    trigger_id: 'forged-trigger',
  }).toString();

describe('Slack requests an attacker shapes: a clear answer, and nothing changes', () => {
  const s = useSlack();

  /** Nothing was opened, posted, stored or written. */
  async function nothingChanged() {
    await s.h.settle();
    expect(s.fake.calls.filter((c) => c.method !== 'users.info')).toEqual([]);
    expect(await s.h.app.store.list({ statuses: ['draft', 'pending'] })).toEqual([]);
    expect(s.sim.control.writes()).toEqual([]);
  }

  test('a gzip-compressed body, even signed, is refused with 415', async () => {
    const answer = await s.slack.command(s.people.megan, '/intune-assign', '', {
      forge: {
        rawBody: gzipSync(commandForm(s.people.megan.id)),
        headers: { 'content-encoding': 'gzip' },
      },
    });
    expect(answer.status).toBe(415);
    await nothingChanged();
  });

  test('a body over 512 KB is refused with 413 before its signature is even read', async () => {
    const answer = await s.slack.command(s.people.megan, '/intune-assign', 'x'.repeat(600_000));
    expect(answer.status).toBe(413);
    await nothingChanged();
  });

  test('a signed multipart body is not read as a form: no workspace in it, 403', async () => {
    const boundary = '----slackforgery';
    const multipart = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="team_id"',
      '',
      SLACK_TEAM,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const answer = await s.slack.command(s.people.megan, '/intune-assign', '', {
      forge: {
        rawBody: multipart,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
    });
    expect(answer.status).toBe(403);
    await nothingChanged();
  });

  test('an interaction whose payload is not JSON gets 400', async () => {
    const answer = await s.slack.shortcut(s.people.megan, 'new_request', {
      rawBody: 'payload=%7Bnot%20json',
    });
    expect(answer.status).toBe(400);
    await nothingChanged();
  });

  test('a button naming a path-like or huge request id is acknowledged and does nothing', async () => {
    await requestInSlack(s, s.people.megan, toSales);
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    s.fake.calls.length = 0;
    for (const value of [
      '../../settings/slack-approvals-channel',
      'REQ-1%2F..%2F..',
      'x'.repeat(10_000),
    ]) {
      const answer = await s.slack.blockActions(s.people.patti, {
        message: posted!,
        actions: [{ action_id: 'request.approve', value }],
      });
      expect(answer.status).toBe(200);
    }
    await s.h.settle();
    expect(s.fake.calls.filter((c) => c.method === 'chat.update')).toEqual([]);
    expect((await s.h.app.store.list({ statuses: ['pending'] })).length).toBe(1);
    expect(s.sim.control.writes()).toEqual([]);
  });

  test('a review forged to submit someone else’s draft is refused in the modal', async () => {
    await s.slack.command(s.people.megan, '/intune-assign', '');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    const review = await s.slack.viewSubmission(s.people.megan, modal, {
      kind: { kind: stateValue.option('app') },
      item: { item: stateValue.option(toSales.itemId, 'Zoom', 'external_select') },
      target: { target: stateValue.option(toSales.target, 'Sales', 'external_select') },
      mode: { mode: stateValue.option('include', 'Include', 'radio_buttons') },
      intent: { intent: stateValue.option('required') },
      justification: { justification: stateValue.text(toSales.justification) },
    });
    let view = (review.body as { view: Record<string, unknown> }).view;
    if (view.callback_id === 'request.settings') {
      const meta = JSON.parse(String(view.private_metadata)) as { id: string };
      view = { callback_id: 'request.review', private_metadata: meta.id };
    }
    const forged = await s.slack.viewSubmission(s.people.nestor, { ...view, id: modal.id }, {});
    expect(JSON.stringify(forged.body)).toMatch(/Only Megan Bowen may change this draft/);
    await s.h.settle();
    expect(s.fake.messagesIn(SLACK_CHANNEL)).toEqual([]);
    expect(await s.h.app.store.list({ statuses: ['pending'] })).toEqual([]);
  });

  test('a 100 KB justification is answered under the field, and no request is made', async () => {
    await s.slack.command(s.people.megan, '/intune-assign', '');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    s.fake.calls.length = 0;
    const answer = await s.slack.viewSubmission(s.people.megan, modal, {
      kind: { kind: stateValue.option('app') },
      item: { item: stateValue.option(WELL_KNOWN.apps.iosStore, 'app', 'external_select') },
      target: { target: stateValue.option(toSales.target, 'Sales', 'external_select') },
      mode: { mode: stateValue.option('exclude', 'Exclude', 'radio_buttons') },
      intent: { intent: stateValue.option('required') },
      justification: { justification: stateValue.text('why '.repeat(25_000)) },
    });
    expect(answer.body).toMatchObject({
      response_action: 'errors',
      errors: { justification: expect.stringMatching(/keep it to 500/) },
    });
    expect(JSON.stringify(answer.body).length).toBeLessThan(5000);
    await nothingChanged();
  });
});
