import type { WebClient } from '@slack/web-api';
import type { Actor } from '../services/actor';
import type { DirectoryPort } from '../services/ports/directory';
import type { RequestStore } from '../services/ports/request-store';

/** How long a Slack user's Entra identity is kept before it is looked up again. */
export const IDENTITY_TTL_MS = 60 * 60_000;

/** The Slack user of an Entra user, kept so that the bot can message them (`slack-user:<id>`). */
export const slackUserKey = (entraId: string) => `slack-user:${entraId.toLowerCase()}`;

/** Why a Slack user could not be mapped to an Entra user, in words for an ephemeral message. */
export class UnknownSlackUser extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownSlackUser';
  }
}

interface Cached {
  actor: Actor;
  at: number;
}

/**
 * A Slack user as the bot's actor: their Slack profile's email (`users.info`, scope
 * `users:read.email`) names their Entra user, whose object id the approver and requester rules use
 * exactly as in Teams. Kept for an hour in memory; the Slack user id is stored by Entra id so that
 * the requester's direct messages can reach them from any instance.
 */
export class SlackIdentity {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly options: {
      slack: WebClient;
      directory: DirectoryPort;
      store: RequestStore;
      /** The tenant every Slack actor belongs to (the bot's one tenant). */
      tenantId: string;
      now?: () => number;
    },
  ) {}

  async actorOf(slackUserId: string): Promise<Actor> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(slackUserId);
    if (cached && now - cached.at < IDENTITY_TTL_MS) return cached.actor;
    const info = await this.options.slack.users.info({ user: slackUserId });
    const email = info.user?.profile?.email?.trim();
    if (!email) {
      throw new UnknownSlackUser(
        'Your Slack profile has no email address the bot can read, so it cannot tell who you are in Entra ID.',
      );
    }
    const user = await this.options.directory.getUser(email);
    if (!user) {
      throw new UnknownSlackUser(
        `No Entra ID user has the sign-in name ${email}, the email of your Slack profile; ask your administrators to make them match.`,
      );
    }
    const actor: Actor = { id: user.id, name: user.name, tenantId: this.options.tenantId };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(slackUserId, { actor, at: now });
    await this.options.store.putSetting(slackUserKey(user.id), slackUserId);
    return actor;
  }

  /** The Slack user id of an Entra user who has used the bot in Slack, if any. */
  async slackUserOf(entraId: string): Promise<string | undefined> {
    const value = await this.options.store.getSetting(slackUserKey(entraId));
    return typeof value === 'string' ? value : undefined;
  }
}
