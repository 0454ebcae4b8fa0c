import type { RequestStore } from '../services/ports/request-store';
import type { Sender } from './identity';

/** What the bot remembers of a person to message them and refresh cards for them. */
export interface KnownUser {
  id: string;
  name: string;
  tenantId: string;
  channelUserId: string;
  serviceUrl: string;
  channelId: string;
  /** Their 1:1 conversation with the bot, once seen. */
  personalConversationId?: string;
}

const KEY = 'known-users';

/**
 * The people who have talked to the bot, by Entra object id: Teams lets a bot message only users
 * who have it installed, and `refresh.userIds` takes Teams ids the bot learns from activities.
 * Written only when something changed, so an ordinary turn costs no write.
 */
export class KnownUsers {
  private cache?: Map<string, KnownUser>;

  constructor(private readonly store: RequestStore) {}

  async remember(sender: Sender): Promise<void> {
    const users = await this.load();
    const previous = users.get(sender.actor.id);
    const next: KnownUser = {
      id: sender.actor.id,
      name: sender.actor.name,
      tenantId: sender.actor.tenantId,
      channelUserId: sender.channelUserId,
      serviceUrl: sender.serviceUrl,
      channelId: sender.channelId,
      personalConversationId:
        sender.conversationType === 'personal'
          ? sender.conversationId
          : previous?.personalConversationId,
    };
    if (previous && JSON.stringify(previous) === JSON.stringify(next)) return;
    users.set(next.id, next);
    await this.store.putSetting(KEY, [...users.values()]);
  }

  async get(id: string): Promise<KnownUser | undefined> {
    return (await this.load()).get(id.toLowerCase());
  }

  async all(): Promise<KnownUser[]> {
    return [...(await this.load()).values()];
  }

  private async load(): Promise<Map<string, KnownUser>> {
    if (!this.cache) {
      const stored = ((await this.store.getSetting(KEY)) ?? []) as KnownUser[];
      this.cache = new Map(stored.map((u) => [u.id, u]));
    }
    return this.cache;
  }
}
