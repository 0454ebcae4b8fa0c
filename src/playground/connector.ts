import type { Request, Response, Server } from 'restify';
import { instanceOfAgent } from './instance-agent';
import type { Persona } from './personas';
import type { ConversationStore, Json } from './store';
import { CONNECTOR_PREFIX, PLAYGROUND_BOT } from './teams-world';

export interface ConnectorOptions {
  store: ConversationStore;
  personas: readonly Persona[];
  /** Called after every call the bot made (the page is told about new Graph writes then). */
  afterCall?: () => void;
}

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const param = (req: Request, name: string): string => String(req.params?.[name] ?? '');

/** The bot instance that made the call, when several run (see `instanceAgent`). */
const sender = (req: Request) => instanceOfAgent(req.headers['user-agent']);

/**
 * A bot activity as the page shows it: the message parts, from the bot. Its `replyToId` is left
 * out: botbuilder sets one on proactive messages too (the id of a made-up continuation activity),
 * and Web Chat holds back a message whose `replyToId` it has not seen.
 */
function fromBot(body: Json): Json {
  const { type, text, textFormat, attachments, attachmentLayout, summary, suggestedActions } = body;
  return {
    type: type ?? 'message',
    text,
    textFormat,
    attachments,
    attachmentLayout,
    summary,
    suggestedActions,
    from: { ...PLAYGROUND_BOT, role: 'bot' },
  };
}

/**
 * The Bot Connector REST calls the bot makes, answered as Teams' connector does, into the
 * playground's store: `POST /v3/conversations` (a channel thread or a 1:1 chat) answers
 * `{ id, activityId }`, a send or reply answers `{ id }`, an update replaces the message in place.
 * Mounted under `CONNECTOR_PREFIX`, the `serviceUrl` of every activity the playground sends.
 * With several instances, each message is labelled with the instance whose call wrote it.
 */
export function mountConnector(server: Server, options: ConnectorOptions): void {
  const { store } = options;
  const base = `${CONNECTOR_PREFIX}/v3/conversations`;
  const answer = (res: Response, body: Json) => {
    res.send(200, body);
    options.afterCall?.();
  };

  server.post(base, async (req: Request, res: Response) => {
    const body = isRecord(req.body) ? req.body : {};
    const channelData = isRecord(body.channelData) ? body.channelData : {};
    const channel = isRecord(channelData.channel) ? channelData.channel : undefined;
    const activity = isRecord(body.activity) ? body.activity : undefined;
    if (typeof channel?.id === 'string' && activity) {
      // Teams names a channel thread after its root message.
      const rootId = store.nextId();
      const id = `${channel.id};messageid=${rootId}`;
      store.ensure(id, 'thread', rootId);
      store.put(id, { ...fromBot(activity), id: rootId }, sender(req));
      answer(res, { id, activityId: rootId });
      return;
    }
    const members = Array.isArray(body.members) ? (body.members as unknown[]) : [];
    const member = members.find(isRecord);
    const persona = options.personas.find((p) => p.mri === member?.id);
    // A 1:1 chat with a user is the one they already have with the bot.
    const id = persona?.conversationId ?? `a:playground-${store.nextId()}`;
    store.ensure(id, 'personal');
    const sent = activity ? store.put(id, fromBot(activity), sender(req)) : undefined;
    answer(res, sent ? { id, activityId: sent.id } : { id });
  });

  const send = async (req: Request, res: Response) => {
    const conversationId = param(req, 'conversationId');
    const body = isRecord(req.body) ? req.body : {};
    if (!store.has(conversationId)) store.ensure(conversationId, 'personal');
    if (body.type === 'typing') {
      answer(res, { id: store.nextId() });
      return;
    }
    const sent = store.put(conversationId, fromBot(body), sender(req));
    answer(res, { id: sent.id });
  };
  server.post(`${base}/:conversationId/activities`, send);
  server.post(`${base}/:conversationId/activities/:activityId`, send);

  server.put(`${base}/:conversationId/activities/:activityId`, async (req, res) => {
    const conversationId = param(req, 'conversationId');
    const activityId = param(req, 'activityId');
    const existing = store.get(conversationId, activityId);
    if (!existing) {
      res.send(404, { error: { code: 'ActivityNotFound', message: 'Unknown activity.' } });
      return;
    }
    const body = isRecord(req.body) ? req.body : {};
    store.put(conversationId, { ...fromBot(body), id: activityId }, sender(req));
    answer(res, { id: activityId });
  });

  server.del(`${base}/:conversationId/activities/:activityId`, async (req, res) => {
    store.remove(param(req, 'conversationId'), param(req, 'activityId'));
    answer(res, {});
  });
}
