import { WELL_KNOWN } from '../../src/simulator/seed';
import { stateValue, type SlackAnswer } from '../../src/simulator/slack/slack-sender';
import { requestInSlack, SLACK_CHANNEL, useSlack } from '../support/slack-harness';

const SLOW = /Intune is slow to answer/;

/** Slack's answer and how long it took to come, in milliseconds. */
async function timed(call: Promise<SlackAnswer>): Promise<{ answer: SlackAnswer; ms: number }> {
  const started = Date.now();
  const answer = await call;
  return { answer, ms: Date.now() - started };
}

describe('Slack while Intune hangs: every answer within Slack’s 3 s, and nothing changes', () => {
  const s = useSlack({ MEMBERSHIP_CACHE_SECONDS: '0' });

  test('the request modal is answered in time with "Intune is slow" under the item, and no draft is left', async () => {
    await s.slack.command(s.people.megan, '/intune-assign', '');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    s.sim.control.addFault({ method: 'GET', path: 'mobileApps/[^/?]+$', latencyMs: 30_000 });

    const { answer, ms } = await timed(
      s.slack.viewSubmission(s.people.megan, modal, {
        kind: { kind: stateValue.option('app', 'Mobile app') },
        item: { item: stateValue.option(WELL_KNOWN.apps.win32, 'Zoom', 'external_select') },
        target: {
          target: stateValue.option(`group:${WELL_KNOWN.groups.sales}`, 'Sales', 'external_select'),
        },
        mode: { mode: stateValue.option('include', 'Include', 'radio_buttons') },
        intent: { intent: stateValue.option('required') },
        justification: { justification: stateValue.text('Sales moves to Zoom.') },
      }),
    );

    expect(ms).toBeLessThan(3000);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      response_action: 'errors',
      errors: { item: expect.stringMatching(SLOW) },
    });
    s.sim.control.clearFaults();
    await s.h.settle();
    expect(await s.h.app.store.list({ statuses: ['draft', 'pending'] })).toEqual([]);
    expect(s.fake.messagesIn(SLACK_CHANNEL)).toEqual([]);
  });

  test('Approve is acknowledged at once while the approver check hangs; the approver is told Intune is slow, and the request stays pending', async () => {
    await requestInSlack(s, s.people.megan, {
      itemId: WELL_KNOWN.apps.win32,
      target: `group:${WELL_KNOWN.groups.sales}`,
      justification: 'Sales moves to Zoom.',
    });
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    s.sim.control.clearWrites();
    s.sim.control.addFault({ method: 'POST', path: 'checkMemberGroups$', latencyMs: 30_000 });

    const { answer, ms } = await timed(
      s.slack.click(s.people.patti, { message: posted! }, 'request.approve'),
    );
    expect(ms).toBeLessThan(3000);
    expect(answer.status).toBe(200);

    await s.h.settle();
    const told = s.fake.ephemerals.filter((m) => m.user === s.people.patti.id).map((m) => m.text);
    expect(told.join('\n')).toMatch(SLOW);
    expect((await s.h.app.store.list({ statuses: ['pending'] })).length).toBe(1);
    expect(s.sim.control.writes()).toEqual([]);
  });
});
