import { randomUUID } from 'node:crypto';
import type { Persona } from './personas';
import type { Json } from './store';
import { PLAYGROUND_BOT, PLAYGROUND_CHANNEL, PLAYGROUND_TENANT_ID } from './teams-world';

/**
 * An activity from `persona` shaped as Teams sends it to a bot: `msteams`, the Teams user id and
 * the Entra object id, the tenant, and for a channel thread the team and the channel.
 */
export function teamsActivity(
  persona: Persona,
  where: { conversationId: string; thread: boolean; serviceUrl: string },
  fields: Json,
): Json {
  const tenant = { id: PLAYGROUND_TENANT_ID };
  const now = new Date().toISOString();
  const { conversationId: id, thread } = where;
  return {
    id: randomUUID(),
    timestamp: now,
    localTimestamp: now,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { id: persona.mri, name: persona.name, aadObjectId: persona.aadObjectId },
    recipient: { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name },
    conversation: thread
      ? { id, conversationType: 'channel', isGroup: true, tenantId: tenant.id }
      : { id, conversationType: 'personal', tenantId: tenant.id },
    channelData: thread
      ? {
          tenant,
          team: { id: PLAYGROUND_CHANNEL.teamId, name: PLAYGROUND_CHANNEL.teamName },
          channel: { id: PLAYGROUND_CHANNEL.channelId, name: PLAYGROUND_CHANNEL.channelName },
        }
      : { tenant },
    locale: 'en-US',
    ...fields,
  };
}
