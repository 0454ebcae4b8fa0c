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

/** One setting per person, so that instances add people without overwriting each other. */
const PREFIX = 'known-user:';
/** The single list of earlier versions, moved to one setting per person when first read. */
const LEGACY_KEY = 'known-users';

const keyOf = (id: string) => `${PREFIX}${id.toLowerCase()}`;

/**
 * The people who have talked to the bot, by Entra object id: Teams lets a bot message only users
 * who have it installed, and `refresh.userIds` takes Teams ids the bot learns from activities.
 * Each person is one setting in the shared store, read afresh when the list is needed, so a person
 * met by one instance is known to every other. A person is written only when something about them
 * changed, so an ordinary turn costs no write.
 */
export class KnownUsers {
  /** What this instance last read or wrote of each person: spares the write of an unchanged one. */
  private readonly seen = new Map<string, string>();
  private migrated?: Promise<void>;

  constructor(private readonly store: RequestStore) {}

  async remember(sender: Sender): Promise<void> {
    await this.migrate();
    const key = keyOf(sender.actor.id);
    const previous = this.seen.has(key)
      ? (JSON.parse(this.seen.get(key)!) as KnownUser)
      : ((await this.store.getSetting(key)) as KnownUser | undefined);
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
    const json = JSON.stringify(next);
    if (previous && JSON.stringify(previous) === json) {
      this.seen.set(key, json);
      return;
    }
    await this.store.putSetting(key, next);
    this.seen.set(key, json);
  }

  async get(id: string): Promise<KnownUser | undefined> {
    await this.migrate();
    return (await this.store.getSetting(keyOf(id))) as KnownUser | undefined;
  }

  async all(): Promise<KnownUser[]> {
    await this.migrate();
    return (await this.store.settingsWithPrefix(PREFIX)).map((s) => s.value as KnownUser);
  }

  /** Moves the single list earlier versions kept to one setting per person, once. */
  private migrate(): Promise<void> {
    this.migrated ??= (async () => {
      const legacy = (await this.store.getSetting(LEGACY_KEY)) as KnownUser[] | undefined;
      if (!legacy) return;
      for (const user of legacy) {
        if ((await this.store.getSetting(keyOf(user.id))) === undefined) {
          await this.store.putSetting(keyOf(user.id), user);
        }
      }
      await this.store.putSetting(LEGACY_KEY, undefined);
    })().catch((error: unknown) => {
      this.migrated = undefined;
      throw error;
    });
    return this.migrated;
  }
}
