import { requestCard, type CardAttachment } from '../cards';
import { mayAct } from '../domain/approval-policy';
import type { AssignmentRequest } from '../domain/request';
import type { EventType } from '../domain/state-machine';
import type { Logger } from '../logger';
import type { Authorizer } from '../services/authorizer';
import type { BackgroundTasks } from '../services/background-tasks';
import type { Notifier, QueuedWrite } from '../services/ports/notifier';
import { sleepFor } from '../services/write-fences';
import { fingerprint, type CardCopy, type RequestStore } from '../services/ports/request-store';
import type { ApprovalsChannelSetting } from './approvals-channel';
import { capsFor, eligibleApprovers } from './audience';
import { cardMessage, type Conversations, type MessageRef } from './conversations';
import type { KnownUser, KnownUsers } from './known-users';
import { eventText, queuedText, reminderText } from '../cards/views/event-texts';
import { plainMessage } from './plain-message';

export interface TeamsNotifierOptions {
  conversations: Conversations;
  store: RequestStore;
  users: KnownUsers;
  channel: ApprovalsChannelSetting;
  authorizer: Authorizer;
  tasks: BackgroundTasks;
  logger: Logger;
}

/** True for a copy another transport keeps (its key starts with the transport's name). */
const isOtherTransport = (key: string) => key.startsWith('slack:');

/**
 * Events soon followed by another: the Graph work runs right after an approval or a retry, and
 * its outcome usually comes within a second or two. Their thread reply and requester message go
 * at once; the card copies wait `SETTLE_MS` (3 s) and are left alone if the outcome has come by
 * then, as it updates them itself. Three Bot Connector calls fewer per approval, and a card
 * nobody would have had time to read is not sent. The clicker's own copy already shows the
 * approval: the invoke's answer is that card.
 */
const SETTLING: ReadonlySet<EventType> = new Set(['approve', 'retry']);
const SETTLE_MS = 3_000;

/**
 * The Notifier over Teams: each submitted request becomes a thread in the approvals channel, every
 * later event a reply in it; approvers get direct messages with working buttons; the requester a
 * direct message at each state change; and every copy of the card is updated in place. A failure
 * to notify is logged and never undoes a transition.
 */
export class TeamsNotifier implements Notifier {
  /** Per request: the wait of its settling card update (see {@link SETTLING}). */
  private readonly settling = new Map<string, AbortController>();
  /** Per request: the card update in progress, so that updates land in the order of events. */
  private readonly updating = new Map<string, Promise<void>>();

  constructor(private readonly options: TeamsNotifierOptions) {}

  async submitted(request: AssignmentRequest): Promise<void> {
    const approvers = await eligibleApprovers(request, this.options.users, this.options.authorizer);
    await this.guard('channel thread', request, () => this.postThread(request, approvers));
    for (const approver of approvers) {
      await this.guard('approver message', request, () => this.directCard(request, approver));
    }
    await this.changedCopies(request, 'submit', approvers, false);
  }

  async changed(request: AssignmentRequest, event: EventType): Promise<void> {
    await this.changedCopies(request, event, undefined, true);
  }

  async queued(request: AssignmentRequest, wait: QueuedWrite): Promise<void> {
    const thread = queuedText(request, wait, 'thread');
    await this.guard('thread reply', request, () => this.replyInThread(request, thread));
    const mine = queuedText(request, wait, 'requester');
    await this.guard('requester message', request, () => this.tellRequester(request, mine));
  }

  async reminder(request: AssignmentRequest): Promise<void> {
    const text = reminderText(request);
    await this.guard('reminder', request, () => this.replyInThread(request, text));
    const approvers = await eligibleApprovers(request, this.options.users, this.options.authorizer);
    for (const approver of approvers) {
      await this.guard('reminder message', request, () =>
        this.options.conversations.direct(approver, plainMessage(text)),
      );
    }
  }

  private async changedCopies(
    request: AssignmentRequest,
    event: EventType,
    approvers: KnownUser[] | undefined,
    reply: boolean,
  ) {
    const threadText = eventText(request, event, 'thread');
    if (threadText && reply) {
      await this.guard('thread reply', request, () => this.replyInThread(request, threadText));
    }
    const requesterText = eventText(request, event, 'requester');
    if (requesterText) {
      await this.guard('requester message', request, () =>
        this.tellRequester(request, requesterText),
      );
    }
    if (SETTLING.has(event)) this.updateCopiesSoon(request);
    else await this.updateCopiesInOrder(request, approvers);
  }

  /** Updates the copies after `SETTLE_MS`, unless a later event has updated them by then. */
  private updateCopiesSoon(request: AssignmentRequest): void {
    const { tasks, store } = this.options;
    this.endSettling(request.id);
    const wait = new AbortController();
    this.settling.set(request.id, wait);
    // Shutting down ends the wait too, but leaves it in `settling`: the update goes at once.
    const stop = () => wait.abort();
    tasks.signal.addEventListener('abort', stop, { once: true });
    tasks.run(async () => {
      await sleepFor(tasks.signal.aborted ? 0 : SETTLE_MS, wait.signal);
      tasks.signal.removeEventListener('abort', stop);
      if (this.settling.get(request.id) !== wait) return;
      this.settling.delete(request.id);
      // The stored request is the newest state.
      await this.updateCopiesInOrder((await store.get(request.id)) ?? request);
    }, `card updates ${request.id}`);
  }

  /** Ends a settling wait of the request's copies: a later update replaces it. */
  private endSettling(requestId: string): void {
    this.settling.get(requestId)?.abort();
    this.settling.delete(requestId);
  }

  /** Updates the copies after any update in progress for the request, ending a settling wait. */
  private async updateCopiesInOrder(
    request: AssignmentRequest,
    approvers?: KnownUser[],
  ): Promise<void> {
    this.endSettling(request.id);
    const previous = this.updating.get(request.id) ?? Promise.resolve();
    const update = previous.then(() =>
      this.guard('card updates', request, async () => {
        const viewers =
          approvers ??
          (await eligibleApprovers(request, this.options.users, this.options.authorizer));
        await this.updateCopies(request, viewers);
      }),
    );
    this.updating.set(request.id, update);
    await update;
    if (this.updating.get(request.id) === update) this.updating.delete(request.id);
  }

  private async postThread(request: AssignmentRequest, approvers: KnownUser[]): Promise<void> {
    const channel = await this.options.channel.get();
    if (!channel) {
      this.options.logger.warn(
        { requestId: request.id },
        'no approvals channel is set; send "set approvals channel" in one',
      );
      return;
    }
    const card = this.card(request, 'channel', 'msteams', approvers);
    const ref = await this.options.conversations.newChannelThread(channel, cardMessage(card));
    await this.options.store.putCardCopy(request.id, {
      key: 'channel',
      ref: { ...ref },
      shown: fingerprint(card),
    });
  }

  private async directCard(request: AssignmentRequest, approver: KnownUser): Promise<void> {
    const card = this.card(request, `approver:${approver.id}`, approver.channelId, []);
    const ref = await this.options.conversations.direct(approver, cardMessage(card));
    await this.options.store.putCardCopy(request.id, {
      key: `approver:${approver.id}`,
      ref: { ...ref },
      shown: fingerprint(card),
    });
  }

  private async replyInThread(request: AssignmentRequest, text: string): Promise<void> {
    const copy = (await this.options.store.cardCopies(request.id)).find((c) => c.key === 'channel');
    if (!copy) return;
    const ref = copy.ref as unknown as MessageRef;
    await this.options.conversations.send(ref, plainMessage(text));
  }

  private async tellRequester(request: AssignmentRequest, text: string): Promise<void> {
    const requester = await this.options.users.get(request.requester.id);
    if (requester) await this.options.conversations.direct(requester, plainMessage(text));
  }

  /**
   * Puts the request's card in every copy whose card would change, and records what each then
   * shows; a copy that would show the same is left alone.
   */
  private async updateCopies(request: AssignmentRequest, approvers: KnownUser[]): Promise<void> {
    const copies: CardCopy[] = await this.options.store.cardCopies(request.id);
    // Slack's copies (`slack:...`) are the Slack notifier's to update.
    for (const copy of copies.filter((c) => !isOtherTransport(c.key))) {
      const ref = copy.ref as unknown as MessageRef;
      const card = this.card(request, copy.key, ref.channelId, approvers);
      const shown = fingerprint(card);
      if (copy.shown === shown) continue;
      await this.guard(`update ${copy.key}`, request, async () => {
        await this.options.conversations.update(ref, cardMessage(card));
        await this.options.store.putCardCopy(request.id, { ...copy, shown });
      });
    }
  }

  /** The card for one copy: the channel's base card with refresh for approvers, buttons in DMs. */
  private card(
    request: AssignmentRequest,
    key: string,
    channelId: string,
    approvers: KnownUser[],
  ): CardAttachment {
    const caps = capsFor(channelId);
    if (key === 'channel') {
      return requestCard(request, {
        caps,
        audience: 'channel',
        canAct: false,
        refreshUserIds: approvers.map((a) => a.channelUserId),
      });
    }
    if (key === 'requester') {
      const canAct = mayAct({ request, actor: request.requester, isApprover: false });
      return requestCard(request, { caps, audience: 'requester', canAct });
    }
    // Direct copies go only to eligible approvers (see `eligibleApprovers`), keyed by their id.
    const actor = { id: key.replace(/^approver:/, ''), name: '' };
    const canAct = mayAct({ request, actor, isApprover: true });
    return requestCard(request, { caps, audience: 'approver', canAct });
  }

  private async guard(
    what: string,
    request: AssignmentRequest,
    work: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.options.logger.error({ err: error, requestId: request.id, what }, 'notification failed');
    }
  }
}
