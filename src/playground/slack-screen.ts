import type { FakeSlackMessage } from '../simulator/slack/fake-slack';
import type { Persona } from './personas';
import type { PlaygroundSlack } from './slack-client';
import { PLAYGROUND_SLACK } from './slack-world';

/** A message as the Slack view draws it, with its thread replies. */
export interface ScreenMessage {
  ts: string;
  /** The member who wrote it, by name; absent for the bot. */
  author?: string;
  text: string;
  blocks?: unknown[];
  /** Changed since it was posted (`chat.update`). */
  edited: boolean;
  /** Shown to this persona only. */
  ephemeral?: boolean;
  replies: ScreenMessage[];
}

/** Everything one persona sees in Slack: the channel, their DM with the bot, their open modal. */
export interface SlackScreen {
  workspace: string;
  channel: { id: string; name: string; messages: ScreenMessage[] };
  dm: { id: string; messages: ScreenMessage[] };
  me: { id: string; name: string };
  modal?: { id: string; hash: string; view: Record<string, unknown> };
}

const byTs = (a: { ts: string }, b: { ts: string }) => Number(a.ts) - Number(b.ts);

/** The persona's screen: messages oldest first, ephemerals among them, the top modal. */
export function slackScreen(slack: PlaygroundSlack, persona: Persona): SlackScreen {
  const member = slack.member(persona);
  const names = new Map(slack.members.map((m) => [m.id, m.realName ?? m.name]));
  const draw = (m: FakeSlackMessage, channel: string): ScreenMessage => ({
    ts: m.ts,
    ...(m.user ? { author: names.get(m.user) ?? m.user } : {}),
    text: m.text,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    edited: m.versions.length > 1,
    replies: slack.fake
      .repliesTo(m.ts, channel)
      .map((r) => draw(r, channel))
      .sort(byTs),
  });
  const conversation = (channel: string): ScreenMessage[] => {
    const top = slack.fake.messagesIn(channel).map((m) => draw(m, channel));
    const mine = slack.fake.ephemerals
      .filter((e) => e.user === member.id && e.channel === channel)
      .map((e) => ({
        ts: e.messageTs,
        text: e.text,
        ...(e.blocks ? { blocks: e.blocks } : {}),
        edited: false,
        ephemeral: true,
        replies: [],
      }));
    return [...top, ...mine].sort(byTs);
  };
  const dm = slack.dmOf(member);
  const modal = slack.openView(member);
  return {
    workspace: PLAYGROUND_SLACK.teamName,
    channel: {
      id: PLAYGROUND_SLACK.channelId,
      name: PLAYGROUND_SLACK.channelName,
      messages: conversation(PLAYGROUND_SLACK.channelId),
    },
    dm: { id: dm, messages: conversation(dm) },
    me: { id: member.id, name: member.realName ?? member.name },
    ...(modal ? { modal: { id: modal.id, hash: modal.hash, view: modal.view } } : {}),
  };
}
