import type { TurnContext } from 'botbuilder';
import {
  helpCard,
  noticeCard,
  requestListCard,
  VERBS,
  welcomeCard,
  type Caps,
  type CardAttachment,
  type Verb,
} from '../cards';
import type { Clock } from '../services/ports/clock';
import type { RequestStore } from '../services/ports/request-store';
import type { Services } from '../services';
import type { ApprovalsChannelSetting } from './approvals-channel';
import type { AssignmentRequest } from '../domain/request';
import type { ActionContext } from './card-actions';
import { parseCommand, type Command } from './commands';
import { cardMessage } from './conversations';
import { plainMessage } from './plain-message';
import type { Answer } from './replies';
import { renderWizard, type WizardViewDeps } from './wizard-view';

export interface CommandHandlerDeps {
  services: Services;
  store: RequestStore;
  channel: ApprovalsChannelSetting;
  wizardView: WizardViewDeps;
  clock: Clock;
  /** The card of a request for a viewer (CardActions'). */
  requestAnswer: (request: AssignmentRequest, ctx: ActionContext) => Promise<Answer>;
}

const VERB_COMMANDS: Partial<Record<Verb, Command>> = {
  [VERBS.commandAssign]: { name: 'assign' },
  [VERBS.commandMyRequests]: { name: 'myRequests' },
  [VERBS.commandPending]: { name: 'pending' },
  [VERBS.commandHelp]: { name: 'help' },
};

const fail = (code: 'bad-request', message: string): Answer => ({ refusal: { code, message } });

/** The typed commands (SPEC section 3) and the buttons that stand for them. */
export class CommandHandler {
  constructor(private readonly deps: CommandHandlerDeps) {}

  welcome(caps: Caps): CardAttachment {
    return welcomeCard(caps);
  }

  /** Answers a typed command with a card in the conversation it came from. */
  async handle(
    context: TurnContext,
    text: string | undefined,
    ctx: ActionContext,
    channel: { id?: string; name?: string } | undefined,
  ): Promise<void> {
    const command = parseCommand(text);
    if (command.name === 'setApprovalsChannel') {
      // The channel's name comes from the activity: shown as typed, never as markdown.
      await context.sendActivity(
        plainMessage(await this.setApprovalsChannel(context, ctx, channel)),
      );
      return;
    }
    const answer = await this.answer(command, ctx);
    const card = 'card' in answer ? answer.card : noticeCard(answer.refusal.message, 'error');
    const sent = await context.sendActivity(cardMessage(card));
    if (command.name === 'assign' && 'draftId' in answer && sent?.id) {
      const ref = {
        serviceUrl: context.activity.serviceUrl,
        channelId: context.activity.channelId,
        conversationId: context.activity.conversation.id,
        activityId: sent.id,
      };
      await this.deps.store.putCardCopy(String(answer.draftId), { key: 'requester', ref });
    }
  }

  /** The answer to a `command.*` button. */
  async fromVerb(verb: Verb, ctx: ActionContext): Promise<Answer> {
    const command = VERB_COMMANDS[verb];
    if (!command) return fail('bad-request', 'Unknown command.');
    const answer = await this.answer(command, ctx);
    // The wizard replaces the clicked card: that message is the requester's copy from now on.
    if (answer.draftId && ctx.clickedMessage) {
      await this.deps.store.putCardCopy(answer.draftId, {
        key: 'requester',
        ref: { ...ctx.clickedMessage },
      });
    }
    return answer;
  }

  private async answer(
    command: Command,
    ctx: ActionContext,
  ): Promise<Answer & { draftId?: string }> {
    const { services, clock } = this.deps;
    const now = clock.now().toISOString();
    switch (command.name) {
      case 'assign': {
        const draft = await services.wizard.startDraft(ctx.actor);
        if (!draft.ok) return { refusal: { code: draft.error.code, message: draft.error.message } };
        return {
          card: await renderWizard(draft.value, this.deps.wizardView, { caps: ctx.caps }),
          draftId: draft.value.id,
        };
      }
      case 'myRequests': {
        const mine = await services.queries.myRequests(ctx.actor);
        if (!mine.ok) return { refusal: { code: mine.error.code, message: mine.error.message } };
        return { card: requestListCard('My requests', mine.value, ctx.caps, now) };
      }
      case 'pending': {
        const queue = await services.queries.pendingForApprover(ctx.actor);
        if (!queue.ok) return { refusal: { code: queue.error.code, message: queue.error.message } };
        return { card: requestListCard('Pending approvals', queue.value, ctx.caps, now) };
      }
      case 'status':
      case 'cancel':
        return this.onRequest(command, ctx);
      default:
        return { card: helpCard(ctx.caps) };
    }
  }

  private async onRequest(
    command: { name: 'status' | 'cancel'; id: string },
    ctx: ActionContext,
  ): Promise<Answer> {
    const { services } = this.deps;
    const found = await services.queries.status(command.id, ctx.actor);
    if (!found.ok) return { refusal: { code: found.error.code, message: found.error.message } };
    if (command.name === 'status') return this.deps.requestAnswer(found.value, ctx);
    const cancelled = await services.decisions.cancel(found.value.id, ctx.actor);
    if (!cancelled.ok)
      return { refusal: { code: cancelled.error.code, message: cancelled.error.message } };
    return this.deps.requestAnswer(cancelled.value, ctx);
  }

  private async setApprovalsChannel(
    context: TurnContext,
    ctx: ActionContext,
    channel: { id?: string; name?: string } | undefined,
  ): Promise<string> {
    if (!channel?.id)
      return 'Send "set approvals channel" in the Teams channel where approvals should go.';
    if (!(await this.deps.services.authorizer.isApprover(ctx.actor.id))) {
      return 'Only approvers may choose the approvals channel.';
    }
    const team = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team;
    await this.deps.channel.set({
      channelId: channel.id,
      serviceUrl: context.activity.serviceUrl,
      tenantId: ctx.actor.tenantId,
      teamId: team?.id,
      name: channel.name,
    });
    return `Approval requests will be posted in ${channel.name ? `#${channel.name}` : 'this channel'}, one thread each.`;
  }
}
