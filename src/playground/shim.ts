import { randomUUID } from 'node:crypto';
import type { Persona } from './personas';
import type { ConversationStore, Json } from './store';
import { teamsActivity } from './teams-activity';
import { CONNECTOR_PREFIX, PLAYGROUND_BOT } from './teams-world';

/** What the page posts: a typed message, or an `Action.Execute` turned into Teams' invoke. */
export type PageActivity =
  | { type: 'message'; text: string; clientActivityID?: string }
  | {
      type: 'invoke';
      replyToId: string;
      verb: string;
      data: Json;
      trigger: 'manual' | 'automatic';
    };

/** The bot's HTTP answer to a forwarded activity (an invoke's carries the card). */
export interface ForwardResult {
  id: string;
  status: number;
  body?: unknown;
  /** The bot instance that answered, from 1, when several run. */
  instance?: number;
}

type Answer = Omit<ForwardResult, 'id'>;

/** A request the shim refuses, with the HTTP status to answer it with. */
export class ShimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ShimError';
  }
}

const CARD = 'application/vnd.microsoft.card.adaptive';

/** The `tokenExchangeResource` id of a sign-in request that asks for single sign-on. */
function loginExchange(body: unknown): string | undefined {
  const answer = body as
    { type?: string; value?: { tokenExchangeResource?: { id?: unknown } } } | undefined;
  if (answer?.type !== 'application/vnd.microsoft.activity.loginRequest') return undefined;
  const id = answer.value?.tokenExchangeResource?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The Direct Line side of the playground: takes what the page's personas do and sends it to the
 * bot's `/api/messages` over HTTP exactly as Teams' Bot Connector would (`msteams` activities with
 * `from.aadObjectId`, the tenant, the team and channel for threads, the shim as `serviceUrl`).
 * An `adaptiveCard/action` invoke's card becomes the clicking persona's view of that message.
 * With several bot instances, each activity goes to the next instance in turn (round robin).
 */
export class TeamsShim {
  private ownOrigin = '';
  private bots: readonly string[] = [];
  private turns = 0;

  constructor(
    private readonly store: ConversationStore,
    private readonly personas: readonly Persona[],
    /**
     * With writes as the approver: the persona's single sign-on token, as Teams obtains it silently
     * when the bot answers an invoke with a sign-in request.
     */
    private readonly ssoToken?: (persona: Persona) => string,
  ) {}

  /**
   * Set once the servers listen: the playground's origin, e.g. `http://127.0.0.1:3978`, where the
   * connector is, and the origin of each bot instance (by default the same: one bot serves it all).
   */
  listening(origin: string, bots: readonly string[] = [origin]): void {
    this.ownOrigin = origin;
    this.bots = bots;
  }

  /** The playground's origin once listening (empty before). */
  get origin(): string {
    return this.ownOrigin;
  }

  /** Every instance's, so that they all send to the same conversations. */
  get serviceUrl(): string {
    return `${this.ownOrigin}${CONNECTOR_PREFIX}/`;
  }

  /** True for activities that came through this shim (their replies come back to it). */
  isShim(serviceUrl: string | undefined): boolean {
    return this.ownOrigin !== '' && serviceUrl === this.serviceUrl;
  }

  /** What Teams sends when a user installs the bot: the bot joins their 1:1 chat. */
  async install(persona: Persona): Promise<void> {
    this.store.ensure(persona.conversationId, 'personal');
    const bot = { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name };
    await this.forward(
      this.teamsActivity(persona, persona.conversationId, {
        type: 'conversationUpdate',
        membersAdded: [bot],
      }),
    );
  }

  /** Sends what a persona did in a conversation to the bot. */
  async post(
    persona: Persona,
    conversationId: string,
    activity: PageActivity,
  ): Promise<ForwardResult> {
    this.checkAccess(persona, conversationId);
    if (activity.type === 'message') return this.say(persona, conversationId, activity);
    return this.invoke(persona, conversationId, activity);
  }

  private async say(
    persona: Persona,
    conversationId: string,
    activity: Extract<PageActivity, { type: 'message' }>,
  ): Promise<ForwardResult> {
    // The echo the page waits for (Web Chat matches it by clientActivityID), before the bot answers.
    const echo = this.store.put(conversationId, {
      type: 'message',
      text: activity.text,
      from: { id: persona.mri, name: persona.name, role: 'user' },
      channelData: { clientActivityID: activity.clientActivityID },
    });
    const id = String(echo.id);
    const answer = await this.forward(
      this.teamsActivity(persona, conversationId, { id, type: 'message', text: activity.text }),
    );
    return { id, ...answer };
  }

  private async invoke(
    persona: Persona,
    conversationId: string,
    activity: Extract<PageActivity, { type: 'invoke' }>,
  ): Promise<ForwardResult> {
    const seenVersion = this.store.versionOf(conversationId, activity.replyToId);
    if (seenVersion === undefined)
      throw new ShimError(404, 'unknown-message', 'The card is not in this conversation.');
    const action = {
      type: 'Action.Execute',
      id: randomUUID(),
      verb: activity.verb,
      data: activity.data,
    };
    const send = (id: string, authentication?: Json) =>
      this.forward(
        this.teamsActivity(persona, conversationId, {
          id,
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action,
            trigger: activity.trigger,
            ...(authentication ? { authentication } : {}),
          },
          replyToId: activity.replyToId,
        }),
      );
    let id = randomUUID();
    let answer = await send(id);
    // Teams' single sign-on: asked to sign in, the client gets the user's token silently and
    // sends the same action again with it.
    const exchange = loginExchange(answer.body);
    if (exchange && this.ssoToken) {
      id = randomUUID();
      answer = await send(id, { id: exchange, token: this.ssoToken(persona) });
    }
    const body = answer.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
    if (answer.status === 200 && body?.type === CARD && body.value) {
      this.store.setView(
        persona.key,
        { conversationId, activityId: activity.replyToId, seenVersion },
        { attachment: { contentType: CARD, content: body.value }, instance: answer.instance },
      );
    }
    return { id, ...answer };
  }

  /** Anyone sees the channel's threads; a 1:1 chat only its persona. Throws a `ShimError`. */
  checkAccess(persona: Persona, conversationId: string): void {
    const kind = this.store.kindOf(conversationId);
    if (kind === 'thread' || conversationId === persona.conversationId) return;
    throw new ShimError(
      kind ? 403 : 404,
      kind ? 'not-yours' : 'unknown-conversation',
      kind
        ? `${persona.name} is not in that conversation.`
        : 'There is no such conversation in the playground.',
    );
  }

  private teamsActivity(persona: Persona, conversationId: string, fields: Json): Json {
    const thread = this.store.kindOf(conversationId) === 'thread';
    return teamsActivity(persona, { conversationId, thread, serviceUrl: this.serviceUrl }, fields);
  }

  /** POSTs to the next bot instance's `/api/messages`, as the Bot Connector does. */
  private async forward(activity: Json): Promise<Answer> {
    const index = this.turns % this.bots.length;
    this.turns += 1;
    const response = await fetch(`${this.bots[index]}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const answer = {
      status: response.status,
      instance: this.bots.length > 1 ? index + 1 : undefined,
    };
    const text = await response.text();
    if (!text) return answer;
    try {
      return { ...answer, body: JSON.parse(text) as unknown };
    } catch {
      return { ...answer, body: text };
    }
  }
}
