/**
 * Slack, measured through the bot: the real entry point (compiled, STORAGE=memory) with Slack
 * configured against the simulated Slack Web API in this process, the simulated tenant at bench
 * scale (50,000 apps) in another, and requests signed as Slack signs them. Prints, against Slack's
 * 3 s limit, how long each answer took as Slack sees it (round trip): the typeahead's options loads,
 * then for 20 requests the slash command, the request modal's submission (the wizard's steps and
 * the diff against Intune), the review's submission and the Approve click's acknowledgement; and
 * from the click to the "done" reply in the thread (the write to Intune included). About a minute.
 */
import { performance } from 'node:perf_hooks';
import { FakeConnector } from '../../test/fakes/fake-connector';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { FakeSlack, type FakeSlackUser } from '../../src/simulator/slack/fake-slack';
import { SlackSender, stateValue, type SlackAnswer } from '../../src/simulator/slack/slack-sender';
import { BENCH_USERS } from '../bot-on-store';
import { startBenchBot, startBenchTenant, waitForCatalog } from '../bench-processes';
import { summary } from '../figures';

const TEAM = 'T0CONTOSO1';
const CHANNEL = 'C0APPROVAL';
const TOKEN = 'xoxb-1111-2222-bench-bot-token';
const SECRET = 'bench-slack-signing-secret-0000';
const DOMAIN = 'contoso.onmicrosoft.com';
const QUERIES = ['m', 'zoom', 'micro', 'adobe acr', 'qqzx'];
const ROUNDS = 30;
const REQUESTS = 20;

const megan: FakeSlackUser = {
  id: 'U0MEGAN001',
  teamId: TEAM,
  name: 'megan',
  email: `megan.bowen@${DOMAIN}`,
};
const patti: FakeSlackUser = {
  id: 'U0PATTI001',
  teamId: TEAM,
  name: 'patti',
  email: `patti.fernandez@${DOMAIN}`,
};

async function timed(call: () => Promise<SlackAnswer>): Promise<[SlackAnswer, number]> {
  const start = performance.now();
  const answer = await call();
  if (answer.status !== 200) throw new Error(`Slack request answered ${answer.status}`);
  return [answer, performance.now() - start];
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function run(): Promise<void> {
  const tenant = await startBenchTenant();
  const connector = new FakeConnector();
  await connector.start();
  const fake = new FakeSlack({ botToken: TOKEN, teamId: TEAM, users: [megan, patti] });
  await fake.start();
  const bot = await startBenchBot(tenant.url, connector.url, {
    STORAGE: 'memory',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_TEAM_ID: TEAM,
    SLACK_APPROVALS_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: fake.apiUrl,
  }).catch(async (error: unknown) => {
    await Promise.all([fake.stop(), connector.stop(), tenant.close()]);
    throw error;
  });
  const slack = new SlackSender({
    botUrl: bot.url,
    signingSecret: SECRET,
    teamId: TEAM,
    newTriggerId: (from) => fake.newTriggerId(from),
  });
  try {
    await waitForCatalog(bot.teams, BENCH_USERS.requester);
    await slack.command(megan, '/intune-assign', '');
    const modal = await until(() => fake.openViews(megan.id).at(-1), 'the modal');
    const suggest = (actionId: string, value: string) =>
      timed(() =>
        slack.blockSuggestion(megan, {
          action_id: actionId,
          block_id: actionId,
          value,
          view: { ...modal.view, id: modal.id },
        }),
      );

    const loads: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const query of QUERIES) loads.push((await suggest('item', query))[1]);
    }
    console.log(summary(`typeahead options load (${QUERIES.join(', ')}), round trip`, loads));

    const [found] = await suggest('target', 'a');
    const groups = ((found.body as { options?: { value: string }[] }).options ?? [])
      .map((o) => o.value)
      .filter((v) => v.startsWith('group:') && !v.includes(WELL_KNOWN.groups.approvers))
      .slice(0, REQUESTS);
    const steps = { command: [], request: [], submit: [], approve: [], done: [] } as Record<
      string,
      number[]
    >;
    for (const target of groups) {
      steps.command!.push((await timed(() => slack.command(megan, '/intune-assign', '')))[1]);
      const opened = await until(
        () => fake.openViews(megan.id).find((v) => v.view.callback_id === 'request.new'),
        'the request modal',
      );
      const [review, requestMs] = await timed(() =>
        slack.viewSubmission(megan, opened, {
          kind: { kind: stateValue.option('app') },
          item: { item: stateValue.option(WELL_KNOWN.apps.win32, 'Zoom', 'external_select') },
          target: { target: stateValue.option(target, 'group', 'external_select') },
          mode: { mode: stateValue.option('exclude', 'Exclude', 'radio_buttons') },
          intent: { intent: stateValue.option('required') },
          justification: { justification: stateValue.text('Benchmark request.') },
        }),
      );
      steps.request!.push(requestMs);
      const view = (review.body as { view: Record<string, unknown> }).view;
      const before = fake.messagesIn(CHANNEL).length;
      steps.submit!.push(
        (await timed(() => slack.viewSubmission(megan, { ...view, id: opened.id }, {})))[1],
      );
      fake.clear();
      const posted = await until(
        () =>
          fake.messagesIn(CHANNEL).length > before ? fake.messagesIn(CHANNEL).at(-1) : undefined,
        'the channel message',
      );
      const clicked = performance.now();
      steps.approve!.push(
        (await timed(() => slack.click(patti, { message: posted }, 'request.approve')))[1],
      );
      await until(
        () => fake.repliesTo(posted.ts, CHANNEL).find((r) => /is done/.test(r.text)),
        'the done reply',
      );
      steps.done!.push(performance.now() - clicked);
    }
    console.log(
      summary('slash command acknowledged (the modal opens after), round trip', steps.command!),
    );
    console.log(
      summary('request modal submitted -> review (wizard steps, diff), round trip', steps.request!),
    );
    console.log(
      summary('review submitted -> "submitted" (posting after), round trip', steps.submit!),
    );
    console.log(
      summary('Approve acknowledged (the decision runs after), round trip', steps.approve!),
    );
    console.log(
      summary('Approve click -> "is done" reply in the thread (write included)', steps.done!),
    );
    console.log(`Slack's limit for every answer: 3000 ms; the bot stops its own work at 2000 ms.`);
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await Promise.all([fake.stop(), connector.stop(), tenant.close()]);
  }
}
