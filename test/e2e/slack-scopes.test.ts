import { WELL_KNOWN } from '../../src/simulator/seed';
import { MANIFEST_SCOPES } from '../../src/simulator/slack/fake-slack';
import { requestInSlack, SLACK_CHANNEL, slackHarness } from '../support/slack-harness';

const toSales = {
  itemId: WELL_KNOWN.apps.win32,
  target: `group:${WELL_KNOWN.groups.sales}`,
  justification: 'Sales moves to Zoom.',
};

/**
 * The simulated Slack grants the bot token the manifest's scopes (every Slack test runs with
 * them); here, an app installed with fewer, as an administrator who trimmed the manifest would.
 */
describe('Slack: the bot with fewer scopes than the manifest asks for', () => {
  test('without users:read.email nobody can be told apart: the command says why, and nothing is made', async () => {
    const scopes = MANIFEST_SCOPES.filter((scope) => scope !== 'users:read.email');
    const s = await slackHarness({}, {}, { scopes });
    try {
      const answer = await s.slack.command(s.people.megan, '/intune-assign', 'my requests');
      expect((answer.body as { text: string }).text).toMatch(/no email address the bot can read/);
      expect(await s.h.app.store.list({ statuses: ['draft', 'pending'] })).toEqual([]);
    } finally {
      await s.close();
    }
  });

  test('without chat:write the request is still made and kept pending; the refused post is logged, and nothing else breaks', async () => {
    const scopes = MANIFEST_SCOPES.filter((scope) => scope !== 'chat:write');
    const s = await slackHarness({}, {}, { scopes });
    try {
      await requestInSlack(s, s.people.megan, toSales);
      expect(s.fake.messagesIn(SLACK_CHANNEL)).toEqual([]);
      expect(s.fake.callsOf('chat.postMessage')[0]?.answer).toMatchObject({
        ok: false,
        error: 'missing_scope',
        needed: 'chat:write',
      });
      expect((await s.h.app.store.list({ statuses: ['pending'] })).length).toBe(1);
      expect(JSON.stringify(s.h.logs)).toMatch(/Slack notification failed/);
    } finally {
      await s.close();
    }
  });
});
