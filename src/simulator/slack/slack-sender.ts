import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { signSlackRequest } from '../../slack/signature';
import type { FakeSlackMessage, FakeSlackUser, FakeSlackView } from './fake-slack';

/** A Slack user as requests name them. */
export type SlackSenderUser = Pick<FakeSlackUser, 'id' | 'teamId' | 'name'>;

/** Where the bot listens for each kind of request Slack sends (Request URLs of the Slack app). */
export interface SlackPaths {
  commands: string;
  interactivity: string;
  options: string;
  events: string;
}

export const DEFAULT_SLACK_PATHS: SlackPaths = {
  commands: '/api/slack/commands',
  interactivity: '/api/slack/interactivity',
  options: '/api/slack/options',
  events: '/api/slack/events',
};

export interface SlackSenderOptions {
  /** The bot's base URL, e.g. `http://127.0.0.1:3978`. */
  botUrl: string;
  signingSecret: string;
  /** The workspace (T...). */
  teamId: string;
  teamDomain?: string;
  apiAppId?: string;
  /** The bot user the Events API names in `authorizations`. */
  botUserId?: string;
  paths?: Partial<SlackPaths>;
  /** Issues the trigger id of an interaction: pass `(from) => fake.newTriggerId(from)`. */
  newTriggerId?: (from: { userId: string; viewId?: string }) => string;
  /** The clock, in milliseconds (the `X-Slack-Request-Timestamp` is taken from it). */
  now?: () => number;
}

/** Ways to send what Slack would not, or what it sends on a retry. */
export interface Forgery {
  /** Sign with this secret instead. */
  secret?: string;
  /** This `X-Slack-Request-Timestamp` (epoch seconds) instead of now... */
  timestamp?: number;
  /** ...or now moved by this many seconds (negative: from the past). */
  skewSeconds?: number;
  /** Slack's retry headers: `X-Slack-Retry-Num` and `X-Slack-Retry-Reason`. */
  retry?: { num: number; reason?: string };
  /** Another workspace in the payload (team id, the user's team). */
  teamId?: string;
  /** These bytes as the body instead of the encoded payload (signed like any body). */
  rawBody?: string | Buffer;
  /** Changes the body after it was signed (the signature no longer matches). */
  tamper?: (body: Buffer) => Buffer;
  /** Leaves out the signature headers. */
  unsigned?: boolean;
  /** Extra or replaced headers. */
  headers?: Record<string, string>;
}

/** What the bot answered. */
export interface SlackAnswer {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the answer is JSON, else its text. */
  body: unknown;
}

/** One request as sent, so it can be sent again byte for byte. */
export interface SentSlackRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The payload before encoding (the form fields, the interaction or the event). */
  payload: Record<string, unknown>;
}

/** One action of a `block_actions` payload, as the element sent it. */
export interface SlackAction {
  action_id: string;
  block_id?: string;
  type?: string;
  value?: string;
  text?: unknown;
  selected_option?: unknown;
  [key: string]: unknown;
}

/** A view as a request carries it: an open view of the fake, or a Slack view object. */
export type SlackViewRef = FakeSlackView | (Record<string, unknown> & { id: string });

/** Values of `view.state.values`, as Slack writes them for each input element. */
export const stateValue = {
  text: (value: string) => ({ type: 'plain_text_input', value }),
  option: (value: string, text = value, type = 'static_select') => ({
    type,
    selected_option: { text: { type: 'plain_text', text, emoji: true }, value },
  }),
  none: (type = 'static_select') => ({ type, selected_option: null }),
};

type Json = Record<string, unknown>;
/** `view.state.values`: block id, then action id, then the element's value. */
export type StateValues = Record<string, Record<string, unknown>>;

/**
 * Sends requests to the bot as Slack sends them: signed with the signing secret, with Slack's
 * encodings (slash commands form-encoded; interactions and options loads as `payload=<json>`;
 * the Events API as JSON) and headers, and the fields Slack puts in each. Trigger ids come from
 * the fake Slack, so the bot's `views.open` with them is accepted there.
 */
export class SlackSender {
  /** Every request sent, in order. */
  readonly sent: SentSlackRequest[] = [];
  /** The trigger id of the last interaction sent. */
  lastTriggerId = '';
  /** The event id of the last event sent. */
  lastEventId = '';
  private readonly paths: SlackPaths;
  private counter = 0;

  constructor(readonly options: SlackSenderOptions) {
    this.paths = { ...DEFAULT_SLACK_PATHS, ...options.paths };
  }

  /** A slash command, from the user's DM with the bot unless a channel is given. */
  command(
    user: SlackSenderUser,
    command: string,
    text: string,
    where: { channelId?: string; channelName?: string; forge?: Forgery } = {},
  ): Promise<SlackAnswer> {
    const team = this.team(where.forge);
    const channelId = where.channelId ?? `D${user.id.slice(1)}`;
    const fields = {
      token: 'verification-token-unused',
      team_id: team.id,
      team_domain: team.domain,
      channel_id: channelId,
      channel_name: where.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'general'),
      user_id: user.id,
      user_name: user.name,
      command,
      text,
      api_app_id: this.appId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl('commands', team.id),
      trigger_id: this.trigger(user),
    };
    const body = new URLSearchParams(fields).toString();
    return this.post(
      this.paths.commands,
      body,
      'application/x-www-form-urlencoded',
      fields,
      where.forge,
    );
  }

  /** A `block_actions` interaction: buttons or menus in a message or a view. */
  blockActions(
    user: SlackSenderUser,
    what: {
      actions: SlackAction[];
      message?: Pick<FakeSlackMessage, 'ts'> & Partial<FakeSlackMessage>;
      channel?: string;
      view?: SlackViewRef;
      container?: Json;
      state?: StateValues;
    },
    forge?: Forgery,
  ): Promise<SlackAnswer> {
    const team = this.team(forge);
    const channelId = what.channel ?? what.message?.channel;
    const view = what.view ? this.viewObject(what.view, what.state ?? {}, team.id) : undefined;
    const container =
      what.container ??
      (view
        ? { type: 'view', view_id: view.id }
        : {
            type: 'message',
            message_ts: what.message?.ts,
            channel_id: channelId,
            is_ephemeral: false,
          });
    const actionTs = this.seconds(forge);
    const payload: Json = {
      type: 'block_actions',
      user: this.userObject(user, team.id),
      api_app_id: this.appId,
      token: 'verification-token-unused',
      container,
      trigger_id: this.trigger(user, view?.id as string | undefined),
      team,
      enterprise: null,
      is_enterprise_install: false,
      ...(channelId
        ? {
            channel: {
              id: channelId,
              name: channelId.startsWith('D') ? 'directmessage' : 'approvals',
            },
          }
        : {}),
      ...(what.message
        ? { message: messageObject(what.message), state: { values: what.state ?? {} } }
        : {}),
      ...(view ? { view } : {}),
      ...(view ? {} : { response_url: this.responseUrl('actions', team.id) }),
      actions: what.actions.map((action) => ({
        type: 'button',
        action_ts: `${actionTs}.${String(this.next()).padStart(6, '0')}`,
        ...action,
      })),
    };
    return this.interaction(this.paths.interactivity, payload, forge);
  }

  /**
   * A click on the element with `actionId` in a message or a view as the fake holds it: its
   * `block_id`, `value` and text sent as Slack would. Fails when no such element is shown.
   */
  click(
    user: SlackSenderUser,
    where: { message: FakeSlackMessage } | { view: FakeSlackView },
    actionId: string,
    forge?: Forgery,
  ): Promise<SlackAnswer> {
    const blocks = 'message' in where ? where.message.blocks : where.view.view.blocks;
    const found = findElement(blocks, actionId);
    if (!found)
      throw new AppError('not-found', `No element with action_id ${actionId} is shown there.`);
    const { element, blockId } = found;
    const action: SlackAction = {
      action_id: actionId,
      // Slack names a block that has no block_id itself.
      block_id: blockId ?? randomBytes(3).toString('base64url'),
      type: String(element.type),
      ...(element.text !== undefined ? { text: element.text } : {}),
      ...(element.value !== undefined ? { value: String(element.value) } : {}),
    };
    return 'message' in where
      ? this.blockActions(user, { actions: [action], message: where.message }, forge)
      : this.blockActions(user, { actions: [action], view: where.view }, forge);
  }

  /** A modal submitted with these `state.values` (block id, then action id). */
  viewSubmission(
    user: SlackSenderUser,
    view: SlackViewRef,
    values: StateValues,
    forge?: Forgery,
  ): Promise<SlackAnswer> {
    const team = this.team(forge);
    const object = this.viewObject(view, values, team.id);
    return this.interaction(
      this.paths.interactivity,
      {
        type: 'view_submission',
        team,
        user: this.userObject(user, team.id),
        api_app_id: this.appId,
        token: 'verification-token-unused',
        trigger_id: this.trigger(user, object.id as string),
        view: object,
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      },
      forge,
    );
  }

  /** The modal closed by the user (sent when the view asked `notify_on_close`). */
  viewClosed(
    user: SlackSenderUser,
    view: SlackViewRef,
    options: { isCleared?: boolean; forge?: Forgery } = {},
  ): Promise<SlackAnswer> {
    const team = this.team(options.forge);
    return this.interaction(
      this.paths.interactivity,
      {
        type: 'view_closed',
        team,
        user: this.userObject(user, team.id),
        api_app_id: this.appId,
        token: 'verification-token-unused',
        view: this.viewObject(view, {}, team.id),
        is_cleared: options.isCleared ?? false,
        is_enterprise_install: false,
        enterprise: null,
      },
      options.forge,
    );
  }

  /** A global shortcut (from the composer or search), by its callback id. */
  shortcut(user: SlackSenderUser, callbackId: string, forge?: Forgery): Promise<SlackAnswer> {
    const team = this.team(forge);
    return this.interaction(
      this.paths.interactivity,
      {
        type: 'shortcut',
        token: 'verification-token-unused',
        action_ts: `${this.seconds(forge)}.${String(this.next()).padStart(6, '0')}`,
        team,
        user: { id: user.id, username: user.name, team_id: team.id },
        is_enterprise_install: false,
        enterprise: null,
        callback_id: callbackId,
        trigger_id: this.trigger(user),
      },
      forge,
    );
  }

  /** An options load of an external select (`block_suggestion`): what the user typed so far. */
  blockSuggestion(
    user: SlackSenderUser,
    what: {
      action_id: string;
      block_id: string;
      value: string;
      view?: SlackViewRef;
      /** The view's inputs as they stand, which Slack sends with an options load. */
      state?: StateValues;
    },
    forge?: Forgery,
  ): Promise<SlackAnswer> {
    const team = this.team(forge);
    const view = what.view ? this.viewObject(what.view, what.state ?? {}, team.id) : undefined;
    return this.interaction(
      this.paths.options,
      {
        type: 'block_suggestion',
        user: this.userObject(user, team.id),
        container: view ? { type: 'view', view_id: view.id } : { type: 'message' },
        api_app_id: this.appId,
        token: 'verification-token-unused',
        action_id: what.action_id,
        block_id: what.block_id,
        value: what.value,
        team,
        enterprise: null,
        is_enterprise_install: false,
        ...(view ? { view } : {}),
      },
      forge,
    );
  }

  /** An Events API `event_callback` around `event`; `eventId` repeats one (Slack's retries do). */
  event(event: Json, options: { eventId?: string; forge?: Forgery } = {}): Promise<SlackAnswer> {
    const teamId = options.forge?.teamId ?? this.options.teamId;
    const eventTime = this.seconds(options.forge);
    this.lastEventId = options.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
    const payload: Json = {
      token: 'verification-token-unused',
      team_id: teamId,
      api_app_id: this.appId,
      event: { event_ts: `${eventTime}.${String(this.next()).padStart(6, '0')}`, ...event },
      type: 'event_callback',
      event_id: this.lastEventId,
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: null,
          team_id: teamId,
          user_id: this.options.botUserId ?? 'U0BOT00001',
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(12).toString('base64url')}`,
    };
    return this.post(
      this.paths.events,
      JSON.stringify(payload),
      'application/json',
      payload,
      options.forge,
    );
  }

  /** The Events API's `url_verification`, sent when the Request URL is saved. */
  urlVerification(
    challenge = randomBytes(16).toString('hex'),
    forge?: Forgery,
  ): Promise<SlackAnswer> {
    const payload = { token: 'verification-token-unused', challenge, type: 'url_verification' };
    return this.post(
      this.paths.events,
      JSON.stringify(payload),
      'application/json',
      payload,
      forge,
    );
  }

  /** Sends a request already sent again, byte for byte and with the same headers (a replay). */
  resend(request: SentSlackRequest = this.sent[this.sent.length - 1]!): Promise<SlackAnswer> {
    return this.deliver(request);
  }

  private interaction(path: string, payload: Json, forge?: Forgery): Promise<SlackAnswer> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(path, body, 'application/x-www-form-urlencoded', payload, forge);
  }

  private async post(
    path: string,
    encoded: string,
    contentType: string,
    payload: Json,
    forge: Forgery = {},
  ): Promise<SlackAnswer> {
    const body = Buffer.from(forge.rawBody ?? encoded);
    const timestamp = forge.timestamp ?? this.seconds(forge);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (!forge.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = signSlackRequest(
        forge.secret ?? this.options.signingSecret,
        timestamp,
        body,
      );
    }
    if (forge.retry) {
      headers['x-slack-retry-num'] = String(forge.retry.num);
      headers['x-slack-retry-reason'] = forge.retry.reason ?? 'http_timeout';
    }
    Object.assign(headers, forge.headers);
    const request = { path, headers, body: forge.tamper ? forge.tamper(body) : body, payload };
    this.sent.push(request);
    return this.deliver(request);
  }

  private async deliver(request: SentSlackRequest): Promise<SlackAnswer> {
    const response = await fetch(new URL(request.path, this.options.botUrl), {
      method: 'POST',
      headers: request.headers,
      body: new Uint8Array(request.body),
    });
    const text = await response.text();
    const headers = Object.fromEntries(response.headers.entries());
    const json = (headers['content-type'] ?? '').includes('json') && text !== '';
    return { status: response.status, headers, body: json ? (JSON.parse(text) as unknown) : text };
  }

  private get appId(): string {
    return this.options.apiAppId ?? 'A0APP00001';
  }

  private team(forge?: Forgery) {
    return {
      id: forge?.teamId ?? this.options.teamId,
      domain: this.options.teamDomain ?? 'contoso',
    };
  }

  private userObject(user: SlackSenderUser, teamId: string) {
    return { id: user.id, username: user.name, name: user.name, team_id: teamId };
  }

  private trigger(user: SlackSenderUser, viewId?: string): string {
    const issue = this.options.newTriggerId;
    this.lastTriggerId = issue
      ? issue({ userId: user.id, ...(viewId ? { viewId } : {}) })
      : `${this.next()}.${Date.now()}.${randomBytes(16).toString('hex')}`;
    return this.lastTriggerId;
  }

  private responseUrl(kind: string, teamId: string): string {
    return `https://hooks.slack.com/${kind}/${teamId}/${this.next()}/${randomBytes(12).toString('hex')}`;
  }

  private viewObject(view: SlackViewRef, values: StateValues, teamId: string): Json {
    if (isFakeView(view)) {
      return {
        ...view.view,
        id: view.id,
        team_id: teamId,
        private_metadata: view.view.private_metadata ?? '',
        callback_id: view.view.callback_id ?? '',
        external_id: view.externalId ?? '',
        state: { values },
        hash: view.hash,
        root_view_id: view.rootId,
        previous_view_id: view.previousId,
        app_id: this.appId,
        app_installed_team_id: teamId,
        bot_id: 'B0BOT00001',
      };
    }
    return { ...view, state: { values } };
  }

  private seconds(forge?: Forgery): number {
    return Math.floor((this.options.now ?? Date.now)() / 1000) + (forge?.skewSeconds ?? 0);
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }
}

function isFakeView(view: SlackViewRef): view is FakeSlackView {
  return typeof view.rootId === 'string' && typeof view.view === 'object' && view.view !== null;
}

function messageObject(message: Pick<FakeSlackMessage, 'ts'> & Partial<FakeSlackMessage>) {
  return {
    type: 'message',
    subtype: 'bot_message',
    ts: message.ts,
    text: message.text ?? '',
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  };
}

/** The interactive element with `actionId` among blocks, with its block's id. */
function findElement(
  blocks: unknown,
  actionId: string,
): { element: Json; blockId?: string } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as Json[]) {
    const candidates = [
      ...(Array.isArray(block.elements) ? (block.elements as Json[]) : []),
      ...(block.accessory ? [block.accessory as Json] : []),
      ...(block.element ? [block.element as Json] : []),
    ];
    const element = candidates.find((e) => e && e.action_id === actionId);
    if (element) return { element, blockId: block.block_id as string | undefined };
  }
  return undefined;
}
