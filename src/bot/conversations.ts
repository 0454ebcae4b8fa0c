import { AppError } from '../domain/errors';
import {
  ActivityTypes,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { CardAttachment } from '../cards';

/** Where a message the bot posted lives, enough to update it or reply to it later. */
export interface MessageRef {
  serviceUrl: string;
  channelId: string;
  conversationId: string;
  activityId: string;
}

const message = (fields: Partial<Activity>): Partial<Activity> => ({
  type: ActivityTypes.Message,
  ...fields,
});

export const cardMessage = (card: CardAttachment, text?: string): Partial<Activity> =>
  message({ attachments: [card], text });

/**
 * Proactive messaging over botbuilder's CloudAdapter: new channel threads, direct messages,
 * replies and in-place updates, all from stored references (so they work after a restart).
 */
export class Conversations {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  /** Posts `activity` as a new thread in a Teams channel; returns the root message. */
  async newChannelThread(
    target: { serviceUrl: string; channelId: string; tenantId?: string },
    activity: Partial<Activity>,
  ): Promise<MessageRef> {
    const params: ConversationParameters = {
      isGroup: true,
      channelData: {
        channel: { id: target.channelId },
        tenant: target.tenantId ? { id: target.tenantId } : undefined,
      },
      activity: activity as Activity,
      bot: { id: this.appId, name: 'bot' },
      tenantId: target.tenantId,
      members: [],
    };
    let conversationId = '';
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      target.serviceUrl,
      '',
      params,
      async (ctx) => {
        conversationId = ctx.activity.conversation.id;
      },
    );
    // Teams names a channel thread `<channel id>;messageid=<root message id>`.
    const activityId = /;messageid=(.+)$/.exec(conversationId)?.[1] ?? '';
    return { serviceUrl: target.serviceUrl, channelId: 'msteams', conversationId, activityId };
  }

  /** Opens (or reuses) a 1:1 chat with a user and sends `activity`. */
  async direct(
    user: {
      channelUserId: string;
      tenantId: string;
      serviceUrl: string;
      channelId: string;
      personalConversationId?: string;
    },
    activity: Partial<Activity>,
  ): Promise<MessageRef> {
    if (user.personalConversationId) {
      return this.send(
        {
          serviceUrl: user.serviceUrl,
          channelId: user.channelId,
          conversationId: user.personalConversationId,
        },
        activity,
      );
    }
    const params: ConversationParameters = {
      isGroup: false,
      members: [{ id: user.channelUserId, name: '' }],
      bot: { id: this.appId, name: 'bot' },
      tenantId: user.tenantId,
      channelData: { tenant: { id: user.tenantId } },
    } as ConversationParameters;
    let ref: MessageRef | undefined;
    await this.adapter.createConversationAsync(
      this.appId,
      user.channelId,
      user.serviceUrl,
      '',
      params,
      async (ctx) => {
        ref = await this.sendIn(ctx, activity, user.serviceUrl, user.channelId);
      },
    );
    if (!ref) throw new AppError('connector-failed', 'The direct conversation was not created.');
    return ref;
  }

  /** Sends a new message into an existing conversation (a thread reply when it is a thread). */
  async send(
    where: Omit<MessageRef, 'activityId'>,
    activity: Partial<Activity>,
  ): Promise<MessageRef> {
    let ref: MessageRef | undefined;
    await this.adapter.continueConversationAsync(this.appId, this.reference(where), async (ctx) => {
      ref = await this.sendIn(ctx, activity, where.serviceUrl, where.channelId);
    });
    if (!ref) throw new AppError('connector-failed', 'The message was not sent.');
    return ref;
  }

  /** Replaces a message in place. */
  async update(ref: MessageRef, activity: Partial<Activity>): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, this.reference(ref), async (ctx) => {
      await ctx.updateActivity({
        ...activity,
        id: ref.activityId,
        conversation: ctx.activity.conversation,
      });
    });
  }

  private async sendIn(
    ctx: TurnContext,
    activity: Partial<Activity>,
    serviceUrl: string,
    channelId: string,
  ): Promise<MessageRef> {
    const response = await ctx.sendActivity(activity);
    return {
      serviceUrl,
      channelId,
      conversationId: ctx.activity.conversation.id,
      activityId: response?.id ?? '',
    };
  }

  private reference(where: Omit<MessageRef, 'activityId'>): Partial<ConversationReference> {
    return {
      serviceUrl: where.serviceUrl,
      channelId: where.channelId,
      conversation: { id: where.conversationId, isGroup: false, conversationType: '', name: '' },
      bot: { id: this.appId, name: 'bot' },
    };
  }
}
