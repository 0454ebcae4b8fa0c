import type * as restify from 'restify';
import type { Logger } from '../logger';
import type { SlackEventLog } from './event-log';
import type { SlackSignatures } from './signature';
import type { SlackAnswer, SlackApp } from './slack-app';

/** Where Slack sends requests (the Slack app manifest names these URLs). */
export const SLACK_PATHS = {
  commands: '/api/slack/commands',
  interactivity: '/api/slack/interactivity',
  options: '/api/slack/options',
  events: '/api/slack/events',
} as const;

export const SLACK_PREFIX = '/api/slack/';

/** Slack's requests are small; a modal's whole state is the largest, well under this. */
const MAX_BODY_BYTES = 512 * 1024;

export interface SlackRoutesOptions {
  app: SlackApp;
  signatures: SlackSignatures;
  /** The one workspace served (`SLACK_TEAM_ID`). */
  teamId: string;
  /** The event deliveries already taken, by any instance. */
  events: SlackEventLog;
  logger: Logger;
}

type Read = { ok: true; body: Buffer } | { ok: false; status: number };

/** The raw body, bounded, for the signature: compressed bodies are refused, nothing hits disk. */
function readRaw(req: restify.Request): Promise<Read> {
  return new Promise((resolve) => {
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      req.resume();
      resolve({ ok: false, status: 415 });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        size > MAX_BODY_BYTES
          ? { ok: false, status: 413 }
          : { ok: true, body: Buffer.concat(chunks) },
      ),
    );
    req.on('error', () => resolve({ ok: false, status: 400 }));
  });
}

function send(res: restify.Response, answer: SlackAnswer): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status);
    res.end();
    return;
  }
  res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(answer.body));
}

const parseJson = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

const teamOf = (payload: Record<string, unknown>): string | undefined => {
  const team = payload.team;
  if (typeof team === 'object' && team !== null) {
    const id = (team as { id?: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return typeof payload.team_id === 'string' ? payload.team_id : undefined;
};

/**
 * Slack's four request URLs on the bot's own server. Each request is verified before any work:
 * the signing secret's signature, a timestamp within 5 minutes, no replay (`401`, empty, nothing
 * done); then the workspace (`403` for any other). Every request is answered within Slack's 3 s;
 * slow work runs after the answer. Events Slack retries (`X-Slack-Retry-Num`) are done once.
 */
export function mountSlack(server: restify.Server, options: SlackRoutesOptions): void {
  const route =
    (handle: (body: Buffer, req: restify.Request) => Promise<SlackAnswer>, idempotent = false) =>
    async (req: restify.Request, res: restify.Response) => {
      const read = await readRaw(req);
      if (!read.ok) {
        options.logger.warn({ url: req.url, status: read.status }, 'Slack request refused');
        send(res, { status: read.status });
        return;
      }
      const check = options.signatures.check(req.headers, read.body, idempotent);
      if (!check.ok) {
        options.logger.warn(
          { url: req.url, reason: check.reason },
          'Slack request refused: signature',
        );
        send(res, { status: 401 });
        return;
      }
      try {
        send(res, await handle(read.body, req));
      } catch (error) {
        options.logger.error({ err: error, url: req.url }, 'Slack request failed');
        send(res, { status: 500 });
      }
    };
  const foreign = (payload: Record<string, unknown>): SlackAnswer | undefined => {
    const team = teamOf(payload);
    if (team === options.teamId) return undefined;
    options.logger.warn({ team }, 'Slack request from another workspace refused');
    return { status: 403 };
  };
  const form = (body: Buffer) => new URLSearchParams(body.toString('utf8'));

  server.post(
    SLACK_PATHS.commands,
    route(async (body) => {
      const fields = form(body);
      return foreign({ team_id: fields.get('team_id') }) ?? options.app.command(fields);
    }),
  );
  server.post(
    SLACK_PATHS.interactivity,
    route(async (body) => {
      const payload = parseJson(form(body).get('payload') ?? '');
      if (!payload) return { status: 400 };
      return foreign(payload) ?? options.app.interaction(payload);
    }),
  );
  // An options load only reads: the same one twice (typed, erased, typed again) is answered twice.
  server.post(
    SLACK_PATHS.options,
    route(async (body) => {
      const payload = parseJson(form(body).get('payload') ?? '');
      if (!payload) return { status: 400 };
      return foreign(payload) ?? options.app.suggestions(payload);
    }, true),
  );
  server.post(
    SLACK_PATHS.events,
    route(async (body) => {
      const payload = parseJson(body.toString('utf8'));
      if (!payload) return { status: 400 };
      if (payload.type === 'url_verification') {
        return { status: 200, body: { challenge: String(payload.challenge ?? '') } };
      }
      const refused = foreign(payload);
      if (refused) return refused;
      if (!(await options.events.take(payload.event_id))) return { status: 200 };
      return options.app.event(payload);
    }),
  );
}
