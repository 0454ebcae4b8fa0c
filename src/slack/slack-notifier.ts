import type { WebClient } from '@slack/web-api';
import { requestView } from '../cards/views/request';
import { eventText, queuedText, reminderText } from '../cards/views/event-texts';
import type { AssignmentRequest } from '../domain/request';
import type { EventType } from '../domain/state-machine';
import type { Logger } from '../logger';
import type { Notifier, QueuedWrite } from '../services/ports/notifier';
import { fingerprint, type CardCopy, type RequestStore } from '../services/ports/request-store';
import { escapeMrkdwn, requestBlocks, requestText, slackTimes } from './blocks';
import type { SlackIdentity } from './identity';

/** The Slack message of a request in the approvals channel: its copy's key and reference. */
export const SLACK_CHANNEL_COPY = 'slack:channel';

/** The approvals channel chosen in Slack with the slash command (`slack-approvals-channel`). */
export const SLACK_CHANNEL_SETTING = 'slack-approvals-channel';

interface SlackRef {
  channel: string;
  ts: string;
}

export interface SlackNotifierOptions {
  slack: WebClient;
  store: RequestStore;
  identity: SlackIdentity;
  /** `SLACK_APPROVALS_CHANNEL_ID`; else the channel set with the slash command. */
  channelId?: string;
  logger: Logger;
}

/**
 * An event text as a message's `text`, which Slack reads as mrkdwn: what people typed (a rejection
 * reason) is escaped, so it cannot mention a channel or hide a link; times become Slack's own.
 */
const asMrkdwn = (text: string) => slackTimes(escapeMrkdwn(text), 'mrkdwn');

/** The message everyone in the channel sees: Slack shows one message to all, buttons included. */
function channelMessage(request: AssignmentRequest) {
  const view = requestView(request, {
    caps: { style: 'execute', typeahead: false },
    audience: 'channel',
    canAct: true,
  });
  return { text: requestText(view), blocks: requestBlocks(view) };
}

/**
 * Tells Slack about requests, as the Teams notifier tells Teams: the request posted in the
 * approvals channel with Approve and Reject, every later event as a reply in its thread
 * (`thread_ts`), the requester told in a direct message at each change (when they have used the
 * bot in Slack), and the channel message updated in place (`chat.update`) only when what it shows
 * changes. A failure is logged and never undoes or blocks anything.
 */
export class SlackNotifier implements Notifier {
  constructor(private readonly options: SlackNotifierOptions) {}

  async submitted(request: AssignmentRequest): Promise<void> {
    await this.guard('channel message', request, async () => {
      const channel = await this.channel();
      if (!channel) {
        this.options.logger.warn(
          { requestId: request.id },
          'no Slack approvals channel: set SLACK_APPROVALS_CHANNEL_ID or use the slash command there',
        );
        return;
      }
      const message = channelMessage(request);
      const posted = await this.options.slack.chat.postMessage({ channel, ...message });
      if (!posted.ts || !posted.channel) return;
      const ref: SlackRef = { channel: posted.channel, ts: posted.ts };
      await this.options.store.putCardCopy(request.id, {
        key: SLACK_CHANNEL_COPY,
        ref: { ...ref },
        shown: fingerprint(message),
      });
    });
    const mine = eventText(request, 'submit', 'requester');
    if (mine) await this.guard('requester message', request, () => this.direct(request, mine));
  }

  async changed(request: AssignmentRequest, event: EventType): Promise<void> {
    const thread = eventText(request, event, 'thread');
    if (thread) await this.guard('thread reply', request, () => this.reply(request, thread));
    const mine = eventText(request, event, 'requester');
    if (mine) await this.guard('requester message', request, () => this.direct(request, mine));
    await this.guard('channel message update', request, () => this.update(request));
  }

  async queued(request: AssignmentRequest, wait: QueuedWrite): Promise<void> {
    const thread = queuedText(request, wait, 'thread');
    await this.guard('thread reply', request, () => this.reply(request, thread));
    const mine = queuedText(request, wait, 'requester');
    await this.guard('requester message', request, () => this.direct(request, mine));
  }

  async reminder(request: AssignmentRequest): Promise<void> {
    const text = reminderText(request);
    await this.guard('reminder', request, () => this.reply(request, text));
  }

  private async channel(): Promise<string | undefined> {
    if (this.options.channelId) return this.options.channelId;
    const chosen = await this.options.store.getSetting(SLACK_CHANNEL_SETTING);
    return typeof chosen === 'string' ? chosen : undefined;
  }

  private async copy(request: AssignmentRequest): Promise<CardCopy | undefined> {
    const copies = await this.options.store.cardCopies(request.id);
    return copies.find((c) => c.key === SLACK_CHANNEL_COPY);
  }

  private async reply(request: AssignmentRequest, text: string): Promise<void> {
    const copy = await this.copy(request);
    if (!copy) return;
    const ref = copy.ref as unknown as SlackRef;
    await this.options.slack.chat.postMessage({
      channel: ref.channel,
      thread_ts: ref.ts,
      text: asMrkdwn(text),
    });
  }

  private async direct(request: AssignmentRequest, text: string): Promise<void> {
    const user = await this.options.identity.slackUserOf(request.requester.id);
    if (user) await this.options.slack.chat.postMessage({ channel: user, text: asMrkdwn(text) });
  }

  private async update(request: AssignmentRequest): Promise<void> {
    const copy = await this.copy(request);
    if (!copy) return;
    const message = channelMessage(request);
    const shown = fingerprint(message);
    if (copy.shown === shown) return;
    const ref = copy.ref as unknown as SlackRef;
    await this.options.slack.chat.update({ channel: ref.channel, ts: ref.ts, ...message });
    await this.options.store.putCardCopy(request.id, { ...copy, shown });
  }

  private async guard(what: string, request: AssignmentRequest, run: () => Promise<void>) {
    try {
      await run();
    } catch (error) {
      this.options.logger.warn(
        { err: error, requestId: request.id, what },
        'Slack notification failed',
      );
    }
  }
}
