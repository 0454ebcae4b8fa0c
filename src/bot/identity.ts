import type { Activity } from 'botbuilder';
import type { Actor } from '../services/actor';

/** The Teams-side facts of an activity the bot needs to reach the sender again. */
export interface Sender {
  actor: Actor;
  /** The channel's own user id (Teams: the `29:` MRI used by `refresh.userIds` and 1:1 chats). */
  channelUserId: string;
  serviceUrl: string;
  channelId: string;
  conversationId: string;
  conversationType: string;
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/** The tenant an activity comes from: `conversation.tenantId`, else `channelData.tenant.id`. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId ?? channelDataOf(activity).tenant?.id;
}

/**
 * The sender of an activity. Teams carries the Entra object id in `from.aadObjectId`; an activity
 * without one (or without a tenant) has no identity the approval rules could trust.
 */
export function senderOf(activity: Partial<Activity>): Sender | undefined {
  const from = activity.from;
  const tenantId = tenantOf(activity);
  if (!from?.aadObjectId || !tenantId || !activity.serviceUrl || !activity.conversation)
    return undefined;
  return {
    actor: { id: from.aadObjectId.toLowerCase(), name: from.name ?? 'Someone', tenantId },
    channelUserId: from.id,
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId ?? 'msteams',
    conversationId: activity.conversation.id,
    conversationType: activity.conversation.conversationType ?? 'personal',
  };
}
