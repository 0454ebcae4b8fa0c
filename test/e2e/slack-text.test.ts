import { stateValue } from '../../src/simulator/slack/slack-sender';
import { requestInSlack, SLACK_CHANNEL, useSlack, ZOOM_FOR_SALES } from '../support/slack-harness';

const toSales = ZOOM_FOR_SALES;
const HOSTILE = 'No. <!channel> see <https://evil.example/login|the Intune portal> & <@U0PATTI001>';
const ESCAPED =
  'No. &lt;!channel&gt; see &lt;https://evil.example/login|the Intune portal&gt; &amp; &lt;@U0PATTI001&gt;';

describe('Slack: what the bot writes reads as Slack text', () => {
  const s = useSlack();

  test('times are Slack date tokens each reader sees in their own zone, never card functions', async () => {
    await requestInSlack(s, s.people.megan, toSales);
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    const shown = JSON.stringify(posted?.blocks) + String(posted?.text);
    expect(shown).not.toMatch(/\{\{|DATE\(|TIME\(/);
    expect(shown).toMatch(
      /<!date\^\d{10}\^\{date_short\} \{time\}\|\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC>/,
    );
  });

  test('a rejection reason with a channel mention, a disguised link and a user mention reaches the thread and the requester as text', async () => {
    await requestInSlack(s, s.people.megan, toSales);
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    await s.slack.click(s.people.nestor, { message: posted! }, 'request.reject');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.nestor.id).at(-1)!;
    await s.slack.viewSubmission(s.people.nestor, modal, {
      reason: { reason: stateValue.text(HOSTILE) },
    });
    await s.h.settle();

    const thread = s.fake.repliesTo(posted!.ts, SLACK_CHANNEL).map((m) => m.text);
    const dms = s.fake.dmsTo(s.people.megan.id).map((m) => m.text);
    for (const said of [thread.join('\n'), dms.join('\n')]) {
      expect(said).toContain(ESCAPED);
      expect(said).not.toContain('<!channel>');
    }
    // In the message itself the reason is plain_text, which Slack never reads as markup.
    const now = s.fake.message(SLACK_CHANNEL, posted!.ts);
    const reason = (now?.blocks as { type: string; text?: { type: string; text: string } }[]).find(
      (b) => b.text?.text === HOSTILE,
    );
    expect(reason?.text?.type).toBe('plain_text');
  });
});
