import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors';
import {
  FakeSlack,
  type FakeSlackCall,
  type FakeSlackMessage,
  type FakeSlackView,
} from '../simulator/slack/fake-slack';
import { SlackSender, type StateValues } from '../simulator/slack/slack-sender';
import type { TenantData } from '../simulator/tenant-data';
import { SLASH_COMMAND } from '../slack/slack-app';
import type { Persona } from './personas';
import { ShimError } from './shim';
import { PLAYGROUND_SLACK, slackMembers, type SlackMember } from './slack-world';

/** Where a persona types: the approvals channel, or their DM with the bot. */
export type SlackPlace = 'channel' | 'dm';

/** Web API calls that change what a member sees (the others only read). */
const CHANGES = /^(chat|views)\./;

/**
 * Slack for the playground: the simulated Slack Web API the bot calls, and Slack's side of what
 * a persona does in the Slack view (a slash command, a DM, a click, an options load, a modal
 * submitted or closed), sent to the bot signed with this run's signing secret exactly as Slack
 * sends it. What the bot answers is applied as Slack would: a command's text shown to that member
 * only, a modal updated, pushed, cleared or shown with its errors. With several bot instances,
 * Slack's requests go to each in turn, as a load balancer would send them.
 */
export class PlaygroundSlack {
  readonly fake: FakeSlack;
  readonly members: SlackMember[];
  private readonly token = `xoxb-playground-${randomBytes(12).toString('hex')}`;
  private readonly secret = randomBytes(32).toString('hex');
  private senders: SlackSender[] = [];
  private turn = 0;

  constructor(
    personas: readonly Persona[],
    tenant: TenantData,
    private readonly changed: () => void,
  ) {
    this.members = slackMembers(personas, tenant);
    this.fake = new FakeSlack({
      botToken: this.token,
      teamId: PLAYGROUND_SLACK.teamId,
      teamDomain: PLAYGROUND_SLACK.teamDomain,
      users: this.members,
      channels: [PLAYGROUND_SLACK.channelId],
      onCall: (call: FakeSlackCall) => {
        if (CHANGES.test(call.method)) this.changed();
      },
    });
  }

  start(): Promise<void> {
    return this.fake.start();
  }

  stop(): Promise<void> {
    return this.fake.stop();
  }

  /** The bot's Slack settings: this run's token and secret, the fake's URL, the channel. */
  env(): Record<string, string> {
    return {
      SLACK_BOT_TOKEN: this.token,
      SLACK_SIGNING_SECRET: this.secret,
      SLACK_TEAM_ID: PLAYGROUND_SLACK.teamId,
      SLACK_APPROVALS_CHANNEL_ID: PLAYGROUND_SLACK.channelId,
      SLACK_API_URL: this.fake.apiUrl,
    };
  }

  /** The bots are listening at `urls`: Slack's requests go to each in turn. */
  listening(urls: readonly string[]): void {
    this.senders = urls.map(
      (botUrl) =>
        new SlackSender({
          botUrl,
          signingSecret: this.secret,
          teamId: PLAYGROUND_SLACK.teamId,
          teamDomain: PLAYGROUND_SLACK.teamDomain,
          botUserId: this.fake.botUserId,
          newTriggerId: (from) => this.fake.newTriggerId(from),
        }),
    );
  }

  member(persona: Persona): SlackMember {
    const member = this.members.find((m) => m.persona === persona.key);
    if (!member) throw new ShimError(400, 'unknown-persona', 'This persona is not in Slack.');
    return member;
  }

  /** The DM channel of a member with the bot (Slack's client opens it). */
  dmOf(member: SlackMember): string {
    return this.fake.dmChannelOf(member.id) ?? `D${member.id.slice(1)}`;
  }

  /** `/intune-assign <text>` typed in `place`; Slack shows its answer to the member only. */
  async command(persona: Persona, text: string, place: SlackPlace): Promise<void> {
    const member = this.member(persona);
    const channel = place === 'channel' ? PLAYGROUND_SLACK.channelId : this.dmOf(member);
    const answer = await this.sender().command(member, SLASH_COMMAND, text, {
      channelId: channel,
      channelName: place === 'channel' ? PLAYGROUND_SLACK.channelName : 'directmessage',
    });
    // Slack's own words when an app fails to answer a command.
    const shown =
      answer.status === 200
        ? answer.body
        : { text: `${SLASH_COMMAND} failed with the error "http_${answer.status}".` };
    this.fake.answerCommand(member.id, channel, shown);
    this.changed();
  }

  /** A direct message to the bot: shown in the DM, and sent as the Events API's `message.im`. */
  async message(persona: Persona, text: string): Promise<void> {
    const member = this.member(persona);
    const posted = this.fake.memberPosts(member.id, member.id, text);
    if (!posted) throw new ShimError(404, 'not-found', 'The DM with the bot could not be opened.');
    this.changed();
    await this.sender().event({
      type: 'message',
      channel: posted.channel,
      channel_type: 'im',
      user: member.id,
      text,
      ts: posted.ts,
    });
  }

  /** A click on a button of a message (`block_actions`, with Slack's trigger id). */
  async click(persona: Persona, where: { channel: string; ts: string }, actionId: string) {
    const member = this.member(persona);
    const message = this.visibleMessage(member, where.channel, where.ts);
    try {
      await this.sender().click(member, { message }, actionId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not-found') {
        throw new ShimError(409, 'not-shown', 'That button is no longer on the message.');
      }
      throw error;
    }
  }

  /** An options load of an `external_select` (`block_suggestion`); Slack's options answer. */
  async options(
    persona: Persona,
    what: { viewId: string; actionId: string; blockId: string; value: string; state: StateValues },
  ): Promise<unknown> {
    const member = this.member(persona);
    const view = this.viewOf(member, what.viewId);
    const answer = await this.sender().blockSuggestion(member, {
      action_id: what.actionId,
      block_id: what.blockId,
      value: what.value,
      view,
      state: what.state,
    });
    return answer.status === 200 && isRecord(answer.body) ? answer.body : { options: [] };
  }

  /** The modal submitted (`view_submission`); its errors by block id, if the bot gave some. */
  async submit(
    persona: Persona,
    viewId: string,
    values: StateValues,
  ): Promise<{ errors?: Record<string, string> }> {
    const member = this.member(persona);
    const view = this.viewOf(member, viewId);
    const answer = await this.sender().viewSubmission(member, view, values);
    if (answer.status !== 200) {
      return { errors: { '': `The app did not answer as Slack expects (${answer.status}).` } };
    }
    const applied = this.fake.applyViewAnswer(view.id, answer.body);
    this.changed();
    return applied;
  }

  /** The modal closed with its close button (`view_closed` when the view asked for it). */
  async close(persona: Persona, viewId: string): Promise<void> {
    const member = this.member(persona);
    const view = this.viewOf(member, viewId);
    this.fake.closeView(view.id);
    this.changed();
    if (view.view.notify_on_close === true) await this.sender().viewClosed(member, view);
  }

  /** The open modal a member sees: the top of their stack. */
  openView(member: SlackMember): FakeSlackView | undefined {
    return this.fake.openViews(member.id).at(-1);
  }

  private viewOf(member: SlackMember, viewId: string): FakeSlackView {
    const view = this.fake.view(viewId);
    if (!view || view.userId !== member.id) {
      throw new ShimError(404, 'not-found', 'That modal is not open for this persona.');
    }
    return view;
  }

  private visibleMessage(member: SlackMember, channel: string, ts: string): FakeSlackMessage {
    const message = this.fake.message(channel, ts);
    const visible = channel === PLAYGROUND_SLACK.channelId || channel === this.dmOf(member);
    if (!message || !visible) throw new ShimError(404, 'not-found', 'No such message here.');
    return message;
  }

  private sender(): SlackSender {
    const sender = this.senders[this.turn % this.senders.length];
    if (!sender) throw new ShimError(503, 'not-ready', 'The bot is not listening yet.');
    this.turn += 1;
    return sender;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
