import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import {
  startSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from '../../src/simulator/server';
import {
  FakeSlack,
  type FakeSlackOptions,
  type FakeSlackUser,
  type FakeSlackView,
} from '../../src/simulator/slack/fake-slack';
import { botHarness, type BotHarness } from './bot-harness';
import { SlackSender, stateValue, type SlackAnswer } from '../../src/simulator/slack/slack-sender';

export const SLACK_TEAM = 'T0CONTOSO1';
export const SLACK_CHANNEL = 'C0APPROVAL';
const TOKEN = 'xoxb-1111-2222-simulated-bot-token';
const SECRET = 'simulated-slack-signing-secret-0000';

export interface SlackHarness {
  h: BotHarness;
  sim: SimulatorHandle;
  fake: FakeSlack;
  slack: SlackSender;
  people: Record<'megan' | 'patti' | 'nestor' | 'joni', FakeSlackUser>;
  close(): Promise<void>;
}

/**
 * The whole product with Slack configured: the real bot (and its Teams side, as before) with the
 * simulated Slack Web API on loopback and Slack's signed requests sent as Slack sends them. The
 * Slack users' emails are their Entra sign-in names in the simulated tenant. `simulator` sets up
 * the simulated tenant (e.g. its Entra ID, for writes as the approver).
 */
export async function slackHarness(
  env: Record<string, string> = {},
  simulator: Omit<SimulatorOptions, 'tenant' | 'port'> = {},
  slackOptions: Pick<FakeSlackOptions, 'scopes'> = {},
): Promise<SlackHarness> {
  const sim = await startSimulator({ tenant: createTenant(), port: 0, ...simulator });
  const upn = (id: string) =>
    String(sim.control.tenant().users.find((u) => u.id === id)?.userPrincipalName);
  const u = WELL_KNOWN.users;
  const person = (id: string, slackId: string, name: string): FakeSlackUser => ({
    id: slackId,
    teamId: SLACK_TEAM,
    name,
    email: upn(id),
  });
  const people = {
    megan: person(u.requester, 'U0MEGAN001', 'megan'),
    patti: person(u.approver1, 'U0PATTI001', 'patti'),
    nestor: person(u.approver2, 'U0NESTOR01', 'nestor'),
    joni: person(u.outsider, 'U0JONI0001', 'joni'),
  };
  const fake = new FakeSlack({
    botToken: TOKEN,
    teamId: SLACK_TEAM,
    users: Object.values(people),
    ...slackOptions,
  });
  await fake.start();
  const h = await botHarness({
    sim,
    env: {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_TEAM_ID: SLACK_TEAM,
      SLACK_APPROVALS_CHANNEL_ID: SLACK_CHANNEL,
      SLACK_API_URL: fake.apiUrl,
      ...env,
    },
  });
  const slack = new SlackSender({
    botUrl: h.teams.options.botUrl,
    signingSecret: SECRET,
    teamId: SLACK_TEAM,
    newTriggerId: (from) => fake.newTriggerId(from),
  });
  return {
    h,
    sim,
    fake,
    slack,
    people,
    async close() {
      await h.close();
      await fake.stop();
      await sim.close();
    },
  };
}

/**
 * A fresh bot with Slack for each test of the describe block, closed after it, every Block Kit
 * payload the bot sent checked against Slack's limits. The object is filled before each test.
 */
export function useSlack(...args: Parameters<typeof slackHarness>): SlackHarness {
  const live = {} as SlackHarness;
  beforeEach(async () => {
    Object.assign(live, await slackHarness(...args));
  });
  afterEach(async () => {
    live.sim.control.clearFaults();
    await live.close();
    expect(live.fake.problems).toEqual([]);
  });
  return live;
}

/** What a person fills in the request modal. */
export interface SlackChoice {
  itemId: string;
  target: string;
  intent?: string;
  justification: string;
}

/** Zoom (Win32) for Sales, required: the request most Slack tests make. */
export const ZOOM_FOR_SALES: SlackChoice = {
  itemId: WELL_KNOWN.apps.win32,
  target: `group:${WELL_KNOWN.groups.sales}`,
  justification: 'Sales moves to Zoom.',
};

/**
 * A request made in Slack: the slash command opens the modal, the modal is filled and submitted
 * (the review comes back), and the review is submitted. Resolves with the answers on the way.
 */
export async function requestInSlack(
  s: SlackHarness,
  user: FakeSlackUser,
  choice: SlackChoice,
): Promise<{ review: SlackAnswer; submitted: SlackAnswer; modal: FakeSlackView }> {
  const opened = await s.slack.command(user, '/intune-assign', '');
  if (opened.status !== 200) throw new Error(`the command got ${opened.status}`);
  await s.h.settle();
  const modal = s.fake.openViews(user.id).at(-1);
  if (!modal) throw new Error('no modal was opened');
  let review = await s.slack.viewSubmission(user, modal, {
    kind: { kind: stateValue.option('app', 'Mobile app') },
    item: { item: stateValue.option(choice.itemId, 'item', 'external_select') },
    target: { target: stateValue.option(choice.target, 'target', 'external_select') },
    mode: { mode: stateValue.option('include', 'Include', 'radio_buttons') },
    intent: { intent: stateValue.option(choice.intent ?? 'required') },
    justification: { justification: stateValue.text(choice.justification) },
  });
  let view = (review.body as { view?: Record<string, unknown> } | undefined)?.view;
  if (view?.callback_id === 'request.settings') {
    // The app has assignment settings: left as they are, as a hurried requester would.
    review = await s.slack.viewSubmission(user, { ...view, id: modal.id }, initialState(view));
    view = (review.body as { view?: Record<string, unknown> } | undefined)?.view;
  }
  if (!view) throw new Error(`no review: ${JSON.stringify(review.body).slice(0, 300)}`);
  const submitted = await s.slack.viewSubmission(user, { ...view, id: modal.id }, {});
  await s.h.settle();
  return { review, submitted, modal };
}

type Json = Record<string, unknown>;

/**
 * A view's `state.values` as Slack sends them when nothing was touched: each input holds its
 * initial value, or nothing.
 */
export function initialState(view: Json): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of (view.blocks as Json[] | undefined) ?? []) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const type = String(element.type);
    const value: Json = { type };
    if (type === 'plain_text_input' || type === 'number_input') {
      value.value = element.initial_value ?? null;
    } else if (type === 'checkboxes') {
      value.selected_options = element.initial_options ?? [];
    } else if (type === 'datepicker') {
      value.selected_date = element.initial_date ?? null;
    } else if (type === 'timepicker') {
      value.selected_time = element.initial_time ?? null;
    } else {
      value.selected_option = element.initial_option ?? null;
    }
    state[String(block.block_id)] = { [String(element.action_id)]: value };
  }
  return state;
}
