import { AppError } from '../domain/errors';
/** An activity as JSON, as the bot sent it or the page posted it. */
export type Json = Record<string, unknown>;

/** A personal (1:1) chat, or a channel thread (a root message and its replies). */
export type ConversationKind = 'personal' | 'thread';

/** What the page is told over Server-Sent Events. */
export type PlaygroundEvent =
  | {
      type: 'activity';
      conversationId: string;
      kind: ConversationKind;
      /** Set when the activity is one persona's own view of a card (an invoke's answer). */
      persona?: string;
      activity: Json;
    }
  | { type: 'deleted'; conversationId: string; activityId: string }
  | { type: 'graph-writes'; count: number }
  /** Something in the simulated Slack changed: the Slack view reloads what its persona sees. */
  | { type: 'slack' };

/** A channel thread with the activities one persona sees in it. */
export interface ThreadView {
  conversationId: string;
  rootId: string;
  activities: Json[];
}

interface Conversation {
  id: string;
  kind: ConversationKind;
  rootId?: string;
  activities: Map<string, Json>;
}

const viewKey = (persona: string, activityId: string) => `${persona}\u0000${activityId}`;

/**
 * The playground's conversations in memory: every activity by id (an update replaces it in place
 * and bumps its version), and each persona's own view of a card, as Teams keeps the card an
 * `Action.Execute` answered with for the user who clicked, until the bot updates the message.
 * Every change is published, so the page stays in step.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly views = new Map<string, Json>();
  private counter = 0;
  private version = 0;

  /** `boot` makes ids unique across restarts (a page may outlive its server). */
  constructor(
    private readonly publish: (event: PlaygroundEvent) => void,
    readonly boot = Date.now().toString(36),
  ) {}

  /** A new message id. */
  nextId(): string {
    this.counter += 1;
    return `${this.boot}-${this.counter}`;
  }

  ensure(id: string, kind: ConversationKind, rootId?: string): void {
    if (!this.conversations.has(id))
      this.conversations.set(id, { id, kind, rootId, activities: new Map() });
  }

  has(id: string): boolean {
    return this.conversations.has(id);
  }

  kindOf(id: string): ConversationKind | undefined {
    return this.conversations.get(id)?.kind;
  }

  /**
   * Adds an activity, or replaces the one with its id; each persona's view of it is dropped.
   * `instance` is the bot instance that sent it, when several run.
   */
  put(conversationId: string, activity: Json, instance?: number): Json {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new AppError('not-found', `Unknown conversation ${conversationId}.`);
    const id = typeof activity.id === 'string' ? activity.id : this.nextId();
    const previous = conversation.activities.get(id);
    const stored = this.stamp(
      {
        ...activity,
        id,
        timestamp: previous?.timestamp ?? activity.timestamp ?? new Date().toISOString(),
        conversation: { id: conversationId },
      },
      { instance },
    );
    conversation.activities.set(id, stored);
    for (const key of [...this.views.keys()]) {
      if (key.endsWith(`\u0000${id}`)) this.views.delete(key);
    }
    this.publish({ type: 'activity', conversationId, kind: conversation.kind, activity: stored });
    return stored;
  }

  remove(conversationId: string, activityId: string): void {
    this.conversations.get(conversationId)?.activities.delete(activityId);
    this.publish({ type: 'deleted', conversationId, activityId });
  }

  get(conversationId: string, activityId: string): Json | undefined {
    return this.conversations.get(conversationId)?.activities.get(activityId);
  }

  /** The version of a stored activity (it changes with every update). */
  versionOf(conversationId: string, activityId: string): number | undefined {
    return versionOf(this.get(conversationId, activityId));
  }

  /**
   * Shows the `attachment` of an invoke's answer (from bot `instance`, when several run) instead
   * of the message's own card to one persona. Refused (false) when the message was updated since
   * `seenVersion`: the bot's newer card wins, and the page refreshes it.
   */
  setView(
    persona: string,
    where: { conversationId: string; activityId: string; seenVersion?: number },
    answer: { attachment: Json; instance?: number },
  ): boolean {
    const base = this.get(where.conversationId, where.activityId);
    if (!base || (where.seenVersion !== undefined && versionOf(base) !== where.seenVersion))
      return false;
    const view = this.stamp(
      { ...base, attachments: [answer.attachment] },
      { view: persona, instance: answer.instance },
    );
    this.views.set(viewKey(persona, where.activityId), view);
    const kind = this.kindOf(where.conversationId) ?? 'personal';
    this.publish({
      type: 'activity',
      conversationId: where.conversationId,
      kind,
      persona,
      activity: view,
    });
    return true;
  }

  /** A conversation's activities in order, as `persona` sees them. */
  history(conversationId: string, persona: string): Json[] {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return [];
    return [...conversation.activities.values()].map(
      (a) => this.views.get(viewKey(persona, String(a.id))) ?? a,
    );
  }

  /** Every channel thread, oldest first, as `persona` sees it. */
  threads(persona: string): ThreadView[] {
    return [...this.conversations.values()]
      .filter((c) => c.kind === 'thread' && c.rootId)
      .map((c) => ({
        conversationId: c.id,
        rootId: c.rootId ?? '',
        activities: this.history(c.id, persona),
      }));
  }

  /** The playground's bookkeeping: a new version, whose own view it is, which instance sent it. */
  private stamp(activity: Json, meta: { view?: string; instance?: number }): Json {
    this.version += 1;
    const channelData = (activity.channelData ?? {}) as Json;
    const playground = { version: this.version, view: meta.view, instance: meta.instance };
    return { ...activity, channelData: { ...channelData, playground } };
  }
}

function versionOf(activity: Json | undefined): number | undefined {
  const meta = (activity?.channelData as { playground?: { version?: number } } | undefined)
    ?.playground;
  return meta?.version;
}
