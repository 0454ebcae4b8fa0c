import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type SearchInvokeResponse,
  type SearchInvokeValue,
} from 'botbuilder';
import { type Caps } from '../cards';
import type { Logger } from '../logger';
import { withTimeBudget } from '../services/time-budget';
import { parseAction } from './action-data';
import { capsFor } from './audience';
import type { CardActions, ActionContext } from './card-actions';
import type { CommandHandler } from './command-handler';
import { MAX_COMMAND_LENGTH, textWithoutBotMention } from './commands';
import { cardMessage } from './conversations';
import { channelDataOf, senderOf, tenantOf, type Sender } from './identity';
import { invokeResponse, type Answer } from './replies';
import type { SearchHandler } from './search-handler';
import type { TurnHooks } from './turn-hooks';

export interface BotDeps {
  actions: CardActions;
  commands: CommandHandler;
  search: SearchHandler;
  hooks: TurnHooks;
  logger: Logger;
  /** When set, activities from every other tenant are refused. */
  allowedTenantId?: string;
  /** Decides the card style of a turn; Teams by default. */
  capsOf?: (context: TurnContext) => Caps;
  /** The time Graph calls inside one turn may take (see `time-budget`). */
  turnBudgetMs: number;
}

const FOREIGN = 'This bot serves one organisation only; your tenant is not it.';

/** The single sign-on token Teams adds to an `Action.Execute` invoke it sends again after sign-in. */
function ssoTokenOf(value: unknown): string | undefined {
  const authentication = (value as { authentication?: { token?: unknown } } | undefined)
    ?.authentication;
  const token = authentication?.token;
  // A token is a JWT of a few KB: anything else is not one.
  return typeof token === 'string' && token.length > 0 && token.length <= 16_384
    ? token
    : undefined;
}

/**
 * The thin Teams layer: turns activities into use-case calls and their answers into cards. Typed
 * commands and `Action.Submit` cards arrive as messages, `Action.Execute` as `adaptiveCard/action`
 * invokes (answered at once with the card in its new state), typeahead as `application/search`.
 */
export class IntuneAssignBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded)
        await context.sendActivity(cardMessage(this.deps.commands.welcome(this.caps(context))));
      await next();
    });
  }

  /**
   * Every turn runs within its time budget: a Graph call inside it stops at the deadline, so an
   * invoke is answered within 5 s whatever Graph does (Teams gives up at about 10 to 15 s).
   */
  override run(context: TurnContext): Promise<void> {
    return withTimeBudget(this.deps.turnBudgetMs, () => this.runTurn(context));
  }

  private async runTurn(context: TurnContext): Promise<void> {
    const allowed = this.deps.allowedTenantId;
    if (allowed && tenantOf(context.activity)?.toLowerCase() !== allowed.toLowerCase()) {
      this.deps.logger.warn(
        { tenant: tenantOf(context.activity), type: context.activity.type },
        'activity from a foreign tenant refused',
      );
      await this.refuseForeign(context);
      return;
    }
    const sender = senderOf(context.activity);
    if (sender) await this.deps.hooks.sawSender(sender);
    await super.run(context);
  }

  /**
   * An `adaptiveCard/action` invoke without `value.action` makes botbuilder's own parsing throw
   * (a 501 with no body); it is refused here with a 400 error response like any bad card data.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const value = context.activity.value as { action?: unknown } | undefined;
    const action = value?.action;
    if (
      context.activity.name === 'adaptiveCard/action' &&
      (typeof action !== 'object' || action === null)
    ) {
      const refusal = { code: 'bad-request' as const, message: 'The card action carried no data.' };
      const body = invokeResponse({ refusal });
      return { status: body.statusCode, body };
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return invokeResponse(await this.cardAction(context));
  }

  protected override async onSearchInvoke(
    context: TurnContext,
    value: SearchInvokeValue,
  ): Promise<SearchInvokeResponse> {
    const sender = senderOf(context.activity);
    if (!sender) return this.deps.search.refuse('The search came without a user identity.');
    return this.deps.search.answer(value, sender.actor);
  }

  private async message(context: TurnContext): Promise<void> {
    if (context.activity.value !== undefined && context.activity.value !== null) {
      const answer = await this.cardAction(context);
      await this.deps.hooks.deliver(context, answer);
      return;
    }
    const sender = senderOf(context.activity);
    if (!sender) {
      await context.sendActivity('I could not tell who you are, so I cannot act on this.');
      return;
    }
    // Commands are short: a long text is answered without being parsed (mention removal included).
    const raw: unknown = context.activity.text;
    const length = typeof raw === 'string' ? raw.length : 0;
    if (length > MAX_COMMAND_LENGTH) {
      await context.sendActivity(
        `That message is ${length.toLocaleString('en-US')} characters long; commands are short. Type help to see them.`,
      );
      return;
    }
    const channel = channelDataOf(context.activity).channel;
    await this.deps.commands.handle(
      context,
      textWithoutBotMention(context.activity),
      this.actionContext(context, sender),
      channel,
    );
  }

  private async cardAction(context: TurnContext): Promise<Answer> {
    const sender = senderOf(context.activity);
    if (!sender)
      return {
        refusal: { code: 'bad-request', message: 'The card action came without a user identity.' },
      };
    const parsed = parseAction(context.activity);
    if (!parsed.ok) return { refusal: { code: 'unknown-verb', message: parsed.message } };
    return this.deps.actions.handle(parsed.action, this.actionContext(context, sender));
  }

  private actionContext(context: TurnContext, sender: Sender): ActionContext {
    const conversationType = context.activity.conversation?.conversationType;
    return {
      actor: sender.actor,
      caps: this.caps(context),
      audience: conversationType === 'channel' ? 'channel' : 'requester',
      refreshUserIds: () => this.deps.hooks.refreshUserIds(),
      ssoToken: ssoTokenOf(context.activity.value),
      clickedMessage: context.activity.replyToId
        ? {
            serviceUrl: context.activity.serviceUrl,
            channelId: context.activity.channelId,
            conversationId: context.activity.conversation.id,
            activityId: context.activity.replyToId,
          }
        : undefined,
    };
  }

  private caps(context: TurnContext): Caps {
    return this.deps.capsOf?.(context) ?? capsFor(context.activity.channelId);
  }

  private async refuseForeign(context: TurnContext): Promise<void> {
    const type = context.activity.type;
    if (type === 'invoke') {
      const body = invokeResponse({ refusal: { code: 'foreign-tenant', message: FOREIGN } });
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: body.statusCode, body },
      });
    } else if (type === 'message') {
      await context.sendActivity(FOREIGN);
    }
  }
}
