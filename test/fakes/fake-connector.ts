import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  kind: 'create' | 'send' | 'reply' | 'update' | 'delete' | 'other';
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  /** The id this fake answered with (new activity or conversation). */
  answeredId?: string;
  body: Record<string, unknown>;
}

/** An activity the bot sent, with where it landed. */
export interface SentActivity {
  conversationId: string;
  id: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

/**
 * A fake Bot Connector: the `serviceUrl` of the activities the tests send. It records every
 * send, reply, update and conversation creation and answers with ids, as the real one does
 * (a missing `{ id }` makes botbuilder's `updateActivity` fail later).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Latest version of every activity by id (updates replace in place). */
  readonly activities = new Map<string, SentActivity>();
  private server?: Server;
  private counter = 0;
  url = '';
  /** TCP connections the bot opened to this fake so far (kept-alive ones serve several calls). */
  connections = 0;
  /** Milliseconds an answer waits, to hold the bot in a notification (0: none). */
  delayMs = 0;
  private readonly held = new Set<() => void>();
  /** Which calls wait `delayMs` (by their activity's text); every call by default. */
  delayWhen: (text: string) => boolean = () => true;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    // Held answers are let go, so no timer outlives the fake.
    for (const release of this.held) release();
    this.held.clear();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  clear(): void {
    this.calls.length = 0;
    this.activities.clear();
  }

  /** Activities (latest version) in one conversation, in the order they were first sent. */
  inConversation(conversationId: string): SentActivity[] {
    return [...this.activities.values()].filter((a) => a.conversationId === conversationId);
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const said = typeof body.text === 'string' ? body.text : '';
    if (this.delayMs > 0 && this.delayWhen(said)) {
      await new Promise<void>((resolve) => {
        const release = () => {
          clearTimeout(timer);
          this.held.delete(release);
          resolve();
        };
        const timer = setTimeout(release, this.delayMs);
        this.held.add(release);
      });
    }
    const answer = this.route(req.method ?? 'GET', parts, body, path);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  private route(
    method: string,
    parts: string[],
    body: Record<string, unknown>,
    path: string,
  ): Record<string, unknown> {
    // parts: ['v3', 'conversations', id?, 'activities'?, activityId?]
    const [, , conversationId, segment, activityId] = parts;
    if (method === 'POST' && parts.length === 2) return this.create(body, path);
    if (conversationId && segment === 'activities') {
      if (method === 'POST') return this.send(conversationId, activityId, body, path);
      if (method === 'PUT' && activityId)
        return this.update(conversationId, activityId, body, path);
      if (method === 'DELETE' && activityId) {
        this.calls.push({ kind: 'delete', method, path, conversationId, activityId, body });
        this.activities.delete(activityId);
        return {};
      }
    }
    this.calls.push({ kind: 'other', method, path, conversationId, body });
    return {};
  }

  private create(body: Record<string, unknown>, path: string): Record<string, unknown> {
    const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const activity = body.activity as Record<string, unknown> | undefined;
    const activityId = activity ? this.nextId('msg-') : undefined;
    // A channel post starts a thread whose conversation id carries the root message id.
    const id =
      channel && activityId ? `${channel};messageid=${activityId}` : this.nextId('a:personal-');
    this.calls.push({
      kind: 'create',
      method: 'POST',
      path,
      conversationId: id,
      answeredId: activityId,
      body,
    });
    if (activity && activityId)
      this.activities.set(activityId, { conversationId: id, id: activityId, activity });
    return { id, activityId };
  }

  private send(
    conversationId: string,
    replyToId: string | undefined,
    body: Record<string, unknown>,
    path: string,
  ) {
    const id = this.nextId('msg-');
    this.calls.push({
      kind: replyToId ? 'reply' : 'send',
      method: 'POST',
      path,
      conversationId,
      activityId: replyToId,
      answeredId: id,
      body,
    });
    this.activities.set(id, { conversationId, id, replyToId, activity: body });
    return { id };
  }

  private update(
    conversationId: string,
    activityId: string,
    body: Record<string, unknown>,
    path: string,
  ) {
    this.calls.push({ kind: 'update', method: 'PUT', path, conversationId, activityId, body });
    const existing = this.activities.get(activityId);
    this.activities.set(activityId, {
      conversationId,
      id: activityId,
      replyToId: existing?.replyToId,
      activity: body,
    });
    return { id: activityId };
  }
}
