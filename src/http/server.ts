import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import * as restify from 'restify';
import type { BotAdapter } from '../bot/adapter';
import type { Logger } from '../logger';
import { activityProblem, serviceUrlProblem } from './activity-checks';
import { hasBody, readJsonBody } from './json-body';

export interface ServerOptions {
  adapter: BotAdapter;
  /** Runs one turn; the bot's `run`. */
  onTurn: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /**
   * Production mode (an app id is configured): every activity must carry a Bot Framework token and
   * every serviceUrl must be https.
   */
  production: boolean;
  /** Largest accepted body of `/api/messages`, in bytes, counted on the bytes received. */
  maxBodyBytes?: number;
  /** Extra readiness checks for `/readyz`; each resolves true when ready. */
  readiness?: Record<string, () => Promise<boolean>>;
}

const MESSAGES = '/api/messages';

const ERROR_CODES = { 400: 'BadRequest', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' };

interface Refusal {
  status: 400 | 401 | 413 | 415;
  /** A short code for the log line. */
  reason: string;
  /** For the caller; a 401 says nothing. */
  message?: string;
  /** For the log only (why a token was refused). */
  detail?: string;
  /** The body was left unread: the connection is closed rather than drained. */
  close?: boolean;
}

type Refuse = (req: restify.Request, res: restify.Response, refusal: Refusal) => void;

/** Answers a refused request: one `warn` line with the reason, never the token, and a 4xx. */
function refuser(logger: Logger): Refuse {
  return (req, res, { status, reason, message, detail, close }) => {
    logger.warn({ method: req.method, url: req.url, status, reason, detail }, 'request refused');
    if (close) res.setHeader('connection', 'close');
    if (status === 401) {
      res.status(401);
      res.end();
      return;
    }
    res.send(status, { error: { code: ERROR_CODES[status], message } });
  };
}

/**
 * Request bodies, on every route: JSON only, bounded, in memory (see `readJsonBody`). Requests
 * without a body pass untouched.
 */
function jsonBodies(maxBytes: number, refuse: Refuse): restify.RequestHandler {
  return (req, res, next) => {
    // Slack's routes read their own raw bodies (form-encoded, signed byte for byte).
    if (!hasBody(req) || req.path().startsWith('/api/slack/')) return next();
    readJsonBody(req, maxBytes).then((result) => {
      if (result.ok) {
        req.body = result.body;
        return next();
      }
      const { status, reason, message } = result.refusal;
      refuse(req, res, { status, reason, message, close: status !== 400 });
      return next(false);
    }, next);
  };
}

/** Production mode: a request to `/api/messages` without a token is refused before it is read. */
function requireAuthorization(refuse: Refuse): restify.RequestHandler {
  return (req, res, next) => {
    if (req.getRoute().path !== MESSAGES || req.headers.authorization) return next();
    refuse(req, res, { status: 401, reason: 'missing-authorization', close: true });
    return next(false);
  };
}

/**
 * `POST /api/messages`: the activity is checked (shape, then serviceUrl) and handed to the adapter,
 * which authenticates the caller and runs the turn; the answer is the invoke response, or 200.
 */
function messages(options: ServerOptions, refuse: Refuse): restify.RequestHandler {
  return async (req: restify.Request, res: restify.Response) => {
    const activity = req.body as Activity;
    const problem =
      activityProblem(activity) ?? serviceUrlProblem(activity.serviceUrl, options.production);
    if (problem) {
      refuse(req, res, { status: 400, reason: 'bad-activity', message: problem });
      return;
    }
    try {
      const auth = req.headers.authorization ?? '';
      const answer = await options.adapter.runActivity(auth, activity, options.onTurn);
      res.status(answer?.status ?? 200);
      if (answer?.body) res.send(answer.body);
      else res.end();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        refuse(req, res, { status: 401, reason: 'unauthenticated', detail: error.message });
        return;
      }
      options.logger.error({ err: error, type: activity.type }, 'activity failed');
      res.send(500, { error: { code: 'InternalError', message: 'The activity failed.' } });
    }
  };
}

/**
 * The bot's HTTP server: `POST /api/messages` through botbuilder's CloudAdapter (which
 * authenticates the caller when an app id is configured), `/healthz` and `/readyz`. Bodies are
 * JSON only, bounded and never written to disk; a malformed, oversized or unauthenticated request
 * is answered 400/401/413/415 before any bot code runs, with one `warn` log line and nothing on
 * stderr.
 */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({
    name: 'intune-assign-bot',
    handleUncaughtExceptions: false,
  });
  const refuse = refuser(options.logger);
  if (options.production) server.use(requireAuthorization(refuse));
  server.use(jsonBodies(options.maxBodyBytes ?? 256 * 1024, refuse));

  server.post(MESSAGES, messages(options, refuse));

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
      const reason = error.name;
      options.logger.warn({ method: req.method, url: req.url, reason }, 'request refused');
      next();
    },
  );
  return server;
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
