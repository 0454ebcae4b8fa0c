import type { Logger } from '../logger';
import type { RequestStore } from '../services/ports/request-store';

const PREFIX = 'slack-event:';

/** How long an event id is remembered: Slack retries a delivery for about an hour at most. */
const REMEMBER_MS = 60 * 60_000;

/** Every this many new events, the ids older than {@link REMEMBER_MS} are removed. */
const PRUNE_EVERY = 200;

/** Slack's event ids (`Ev0PV52K21`): anything else is not remembered, and not trusted as a key. */
const EVENT_ID = /^Ev[A-Za-z0-9]{1,62}$/;

/**
 * The Events API deliveries already taken, in the request store: Slack retries a delivery it
 * thinks was missed (`X-Slack-Retry-Num`), perhaps to another instance, and `addSetting` lets
 * exactly one instance take each event id. The ids seen here are also kept in memory, so a retry
 * to the same instance costs no storage call.
 */
export class SlackEventLog {
  private readonly seen = new Map<string, number>();
  private added = 0;

  constructor(
    private readonly store: RequestStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** True for the first delivery of an event anywhere; false for a retry, or a malformed id. */
  async take(eventId: unknown): Promise<boolean> {
    if (typeof eventId !== 'string' || !EVENT_ID.test(eventId)) return true;
    if (this.seen.has(eventId)) return false;
    const at = this.now();
    const taken = await this.store.addSetting(`${PREFIX}${eventId}`, { at });
    this.seen.set(eventId, at);
    for (const [id, when] of this.seen) {
      if (at - when <= REMEMBER_MS) break;
      this.seen.delete(id);
    }
    if (taken && ++this.added % PRUNE_EVERY === 0) {
      this.prune(at).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'old Slack event ids could not be removed'),
      );
    }
    return taken;
  }

  private async prune(now: number): Promise<void> {
    for (const { key, value } of await this.store.settingsWithPrefix(PREFIX)) {
      const at = (value as { at?: unknown } | undefined)?.at;
      if (typeof at !== 'number' || now - at > REMEMBER_MS)
        await this.store.putSetting(key, undefined);
    }
  }
}
