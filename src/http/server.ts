import type { CloudAdapter, TurnContext } from 'botbuilder';
import * as restify from 'restify';
import type { Logger } from '../logger';

export interface ServerOptions {
  adapter: CloudAdapter;
  /** Runs one turn; the bot's `run`. */
  onTurn: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** Largest accepted body of `/api/messages`, in bytes. */
  maxBodyBytes?: number;
  /** Extra readiness checks for `/readyz`; each resolves true when ready. */
  readiness?: Record<string, () => Promise<boolean>>;
}

/**
 * The bot's HTTP server: `POST /api/messages` through botbuilder's CloudAdapter (which
 * authenticates the caller when an app id is configured), `/healthz` and `/readyz`. Malformed or
 * oversized bodies are answered 400/413 before any bot code runs.
 */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({
    name: 'intune-assign-bot',
    handleUncaughtExceptions: false,
  });
  const maxBodySize = options.maxBodyBytes ?? 256 * 1024;
  server.use(restify.plugins.bodyParser({ maxBodySize, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: { code: 'BadRequest', message: problem } });
      return;
    }
    await options.adapter.process(req, res, options.onTurn);
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'alive' });
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const checks: Record<string, boolean> = {};
    for (const [name, check] of Object.entries(options.readiness ?? {})) {
      checks[name] = await check().catch(() => false);
    }
    const ready = Object.values(checks).every(Boolean);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  });

  server.on(
    'restifyError',
    (req: restify.Request, _res: restify.Response, error: Error, next: () => void) => {
      options.logger.warn(
        { method: req.method, url: req.url, err: error.message },
        'request refused',
      );
      next();
    },
  );
  return server;
}

const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

/**
 * Why a body is not an activity the bot can answer, or undefined when it is: a JSON object with a
 * type, a service URL, a conversation and a sender. Checked before any bot code runs.
 */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'The body must be a JSON activity.';
  }
  const activity = body as Record<string, unknown>;
  const conversation = activity.conversation as { id?: unknown } | undefined;
  const from = activity.from as { id?: unknown } | undefined;
  if (!isText(activity.type)) return 'The activity has no type.';
  if (!isText(activity.serviceUrl)) return 'The activity has no serviceUrl.';
  if (!isText(conversation?.id)) return 'The activity has no conversation id.';
  if (!isText(from?.id)) return 'The activity has no sender (from.id).';
  return undefined;
}

/** Starts listening; resolves with the base URL. */
export function listen(server: restify.Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(`http://${host}:${address.port}`);
    });
  });
}
