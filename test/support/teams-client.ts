import { randomUUID } from 'node:crypto';

/** A Teams user as the tests play them: Entra object id, Teams MRI and name. */
export interface TeamsUserInfo {
  aadObjectId: string;
  name: string;
  mri: string;
}

export interface TeamsClientOptions {
  botUrl: string;
  serviceUrl: string;
  tenantId: string;
  botId?: string;
}

/** The approvals channel the tests use. */
export const APPROVALS_CHANNEL = {
  teamId: '19:team-it@thread.tacv2',
  teamName: 'IT',
  channelId: '19:approvals@thread.tacv2',
  channelName: 'App approvals',
};

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/**
 * Sends activities to the bot over real HTTP, shaped as Teams sends them: `channelId: msteams`,
 * `from.id` (MRI) and `from.aadObjectId`, `conversation.tenantId`, `channelData.tenant`, and for
 * channels `channelData.team` and `channelData.channel`.
 */
export class TeamsClient {
  /** Every answer the bot gave over HTTP, in order (invoke responses carry cards). */
  readonly answers: HttpAnswer[] = [];

  constructor(readonly options: TeamsClientOptions) {}

  personalConversation(user: TeamsUserInfo): string {
    return `a:personal-${user.mri}`;
  }

  activity(
    user: TeamsUserInfo,
    fields: Record<string, unknown>,
    where: 'personal' | 'channel' = 'personal',
  ) {
    const { tenantId, serviceUrl } = this.options;
    const channel = where === 'channel';
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl,
      from: { id: user.mri, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: this.options.botId ?? '28:bot-id', name: 'Intune Assign' },
      conversation: channel
        ? {
            id: `${APPROVALS_CHANNEL.channelId};messageid=1`,
            conversationType: 'channel',
            isGroup: true,
            tenantId,
          }
        : { id: this.personalConversation(user), conversationType: 'personal', tenantId },
      channelData: channel
        ? {
            tenant: { id: tenantId },
            team: { id: APPROVALS_CHANNEL.teamId, name: APPROVALS_CHANNEL.teamName },
            channel: { id: APPROVALS_CHANNEL.channelId, name: APPROVALS_CHANNEL.channelName },
          }
        : { tenant: { id: tenantId } },
      locale: 'en-US',
      ...fields,
    };
  }

  async post(activity: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const response = await fetch(`${this.options.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    const answer = { status: response.status, body };
    this.answers.push(answer);
    return answer;
  }

  say(
    user: TeamsUserInfo,
    text: string,
    where: 'personal' | 'channel' = 'personal',
  ): Promise<HttpAnswer> {
    return this.post(this.activity(user, { type: 'message', text }, where));
  }

  /** An `adaptiveCard/action` invoke for an `Action.Execute` on the card with id `replyToId`. */
  execute(
    user: TeamsUserInfo,
    verb: string,
    data: Record<string, unknown>,
    options: {
      replyToId?: string;
      where?: 'personal' | 'channel';
      trigger?: 'manual' | 'automatic';
      /** What Teams adds when it sends the invoke again after a sign-in request. */
      authentication?: { id?: string; connectionName?: string; token: string };
    } = {},
  ): Promise<HttpAnswer> {
    const value = {
      action: { type: 'Action.Execute', id: randomUUID(), verb, data },
      trigger: options.trigger ?? 'manual',
      ...(options.authentication ? { authentication: options.authentication } : {}),
    };
    return this.post(
      this.activity(
        user,
        { type: 'invoke', name: 'adaptiveCard/action', value, replyToId: options.replyToId },
        options.where ?? 'personal',
      ),
    );
  }

  /** An `application/search` invoke, as Teams sends for a `Data.Query` typeahead. */
  search(user: TeamsUserInfo, dataset: string, queryText: string): Promise<HttpAnswer> {
    const value = { kind: 'search', queryText, queryOptions: { skip: 0, top: 15 }, dataset };
    return this.post(this.activity(user, { type: 'invoke', name: 'application/search', value }));
  }

  /**
   * A message in a team channel: Teams delivers it only when it @mentions the bot, with the
   * mention in `text` and in `entities`. `channel` defaults to the approvals channel.
   */
  sayInChannel(
    user: TeamsUserInfo,
    text: string,
    channel: { id: string; name: string } = {
      id: APPROVALS_CHANNEL.channelId,
      name: APPROVALS_CHANNEL.channelName,
    },
  ): Promise<HttpAnswer> {
    const bot = { id: this.options.botId ?? '28:bot-id', name: 'Intune Assign' };
    const mention = `<at>${bot.name}</at>`;
    const activity = this.activity(
      user,
      {
        type: 'message',
        text: `${mention} ${text}`,
        entities: [{ type: 'mention', mentioned: bot, text: mention }],
      },
      'channel',
    );
    return this.post({
      ...activity,
      conversation: { ...activity.conversation, id: `${channel.id};messageid=${randomUUID()}` },
      channelData: { ...activity.channelData, channel },
    });
  }

  /** The `conversationUpdate` Teams sends when a user installs the bot (the bot joins). */
  install(user: TeamsUserInfo): Promise<HttpAnswer> {
    const bot = { id: this.options.botId ?? '28:bot-id', name: 'Intune Assign' };
    return this.post(this.activity(user, { type: 'conversationUpdate', membersAdded: [bot] }));
  }

  /**
   * An `Action.Submit` from a channel without Universal Actions (Web Chat, the playground): a
   * message whose `value` is the action's data with the inputs, replying to the card clicked.
   */
  submit(
    user: TeamsUserInfo,
    value: Record<string, unknown>,
    options: { replyToId?: string; channelId?: string } = {},
  ): Promise<HttpAnswer> {
    const activity = this.activity(user, { type: 'message', value, replyToId: options.replyToId });
    return this.post({ ...activity, channelId: options.channelId ?? 'webchat', channelData: {} });
  }

  /** A typed message from a channel without Universal Actions (Web Chat by default). */
  sayIn(user: TeamsUserInfo, text: string, channelId = 'webchat'): Promise<HttpAnswer> {
    const activity = this.activity(user, { type: 'message', text });
    return this.post({ ...activity, channelId, channelData: {} });
  }
}
