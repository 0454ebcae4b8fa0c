import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from './actor';
import type { Clock } from './ports/clock';
import type { RequestStore } from './ports/request-store';

/** How long a sign-in link (and the sign-in it starts) may be used. */
export const TICKET_LIFETIME_MS = 10 * 60_000;

/** What a sign-in link is for: who may finish it, and the decision it makes. */
export interface TicketBinding {
  requestId: string;
  verb: 'approve' | 'retry';
  actor: Actor;
  /** The user in the chat that asked (e.g. the Slack user id), for the logs and the answer. */
  chatUser: string;
  /** The approver's sign-in name, Entra's `login_hint`. */
  loginHint?: string;
  expiresAt: number;
}

/** A sign-in under way: its link's ticket and the PKCE verifier, kept until the code returns. */
interface Started {
  /** The ticket's key (its hash): the state's record names the ticket without holding it. */
  ticketKey: string;
  verifier: string;
  expiresAt: number;
}

const PREFIX = 'sign-in:';
/** Only a hash of the ticket or state is a key: what the store holds cannot be used as a link. */
const keyOf = (kind: 'ticket' | 'state', secret: string) =>
  `${PREFIX}${kind}:${createHash('sha256').update(secret).digest('base64url')}`;

/**
 * Sign-in links for deciding outside Teams, kept in the request store's settings so that any
 * instance sharing the store can finish a sign-in another one started. A ticket is random,
 * short-lived and spent when its sign-in comes back, exactly once across instances (the store's
 * `addSetting`, which one caller wins); the record of its spending is pruned once it expires.
 */
export class SignInTickets {
  constructor(
    private readonly store: RequestStore,
    private readonly clock: Clock,
  ) {}

  async issue(binding: Omit<TicketBinding, 'expiresAt'>): Promise<string> {
    await this.prune();
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + TICKET_LIFETIME_MS;
    await this.store.putSetting(keyOf('ticket', ticket), { ...binding, expiresAt });
    return ticket;
  }

  /** The ticket's binding while it can be used. */
  async peek(ticket: string): Promise<TicketBinding | undefined> {
    return this.live<TicketBinding>(keyOf('ticket', ticket));
  }

  /** Records the sign-in `state` a ticket started, with its PKCE verifier. */
  async start(state: string, ticket: string, verifier: string): Promise<void> {
    const started: Started = {
      ticketKey: keyOf('ticket', ticket),
      verifier,
      expiresAt: this.now() + TICKET_LIFETIME_MS,
    };
    await this.store.putSetting(keyOf('state', state), started);
  }

  /** Spends the sign-in `state` and its ticket: the binding and verifier, once. */
  async spend(state: string): Promise<{ binding: TicketBinding; verifier: string } | undefined> {
    const started = await this.live<Started>(keyOf('state', state));
    if (!started) return undefined;
    await this.store.putSetting(keyOf('state', state), undefined);
    const binding = await this.live<TicketBinding>(started.ticketKey);
    if (!binding) return undefined;
    // Of two instances spending one ticket at once, only the one that records it first goes on.
    const spentKey = started.ticketKey.replace(`${PREFIX}ticket:`, `${PREFIX}spent:`);
    const spent = { expiresAt: binding.expiresAt };
    if (!(await this.store.addSetting(spentKey, spent))) return undefined;
    await this.store.putSetting(started.ticketKey, undefined);
    return { binding, verifier: started.verifier };
  }

  private async live<T extends { expiresAt: number }>(key: string): Promise<T | undefined> {
    const value = (await this.store.getSetting(key)) as T | undefined;
    return value && value.expiresAt > this.now() ? value : undefined;
  }

  /** Drops links and sign-ins that have expired unused. */
  private async prune(): Promise<void> {
    for (const { key, value } of await this.store.settingsWithPrefix(PREFIX)) {
      if (((value as { expiresAt?: number })?.expiresAt ?? 0) <= this.now()) {
        await this.store.putSetting(key, undefined);
      }
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
