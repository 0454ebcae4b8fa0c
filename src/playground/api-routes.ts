import type { Request, Response, Server } from 'restify';
import type { SimulatorControl } from '../simulator/server';
import type { EventHub } from './events';
import { graphWrites } from './graph-writes';
import { parsePageActivity } from './page-activity';
import { findPersona, type Persona } from './personas';
import { ShimError, type TeamsShim } from './shim';
import type { ConversationStore } from './store';
import { PLAYGROUND_BOT, PLAYGROUND_CHANNEL, PLAYGROUND_TENANT_ID } from './teams-world';

export interface ApiOptions {
  store: ConversationStore;
  shim: TeamsShim;
  hub: EventHub;
  personas: readonly Persona[];
  sim: SimulatorControl;
}

const API = '/playground/api';

const query = (req: Request, name: string) =>
  new URL(req.url ?? '/', 'http://playground').searchParams.get(name) ?? '';

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

/** Answers a refusal of the shim with its status; anything else is restify's to report. */
function refuse(res: Response, error: unknown): void {
  if (!(error instanceof ShimError)) throw error;
  fail(res, error.status, error.code, error.message);
}

/**
 * The page's API: setup, a persona's view of a conversation or of the channel's threads, the
 * Graph writes, the event stream, and `POST /activities` (what a persona did, sent to the bot).
 * Routes only translate HTTP; the shim and the store do the work.
 */
export function mountApi(server: Server, options: ApiOptions): void {
  const { store, shim, hub, personas } = options;
  const persona = (req: Request, res: Response): Persona | undefined => {
    const found = findPersona(personas, query(req, 'persona'));
    if (!found) fail(res, 400, 'unknown-persona', 'Name a persona: megan, patti, nestor or joni.');
    return found;
  };

  server.get(`${API}/setup`, async (_req: Request, res: Response) => {
    const setup = { tenantId: PLAYGROUND_TENANT_ID, bot: PLAYGROUND_BOT };
    res.send(200, { ...setup, boot: store.boot, channel: PLAYGROUND_CHANNEL, personas });
  });

  server.get(`${API}/conversation`, async (req: Request, res: Response) => {
    const who = persona(req, res);
    if (!who) return;
    const id = query(req, 'id') || who.conversationId;
    try {
      shim.checkAccess(who, id);
      res.send(200, { conversationId: id, activities: store.history(id, who.key) });
    } catch (error) {
      refuse(res, error);
    }
  });

  server.get(`${API}/threads`, async (req: Request, res: Response) => {
    const who = persona(req, res);
    if (who) res.send(200, { threads: store.threads(who.key) });
  });

  server.get(`${API}/graph-writes`, async (_req: Request, res: Response) => {
    res.send(200, { writes: graphWrites(options.sim) });
  });

  // The handler lasts as long as the stream: restify ends its chain when the page goes away.
  server.get(`${API}/events`, async (_req: Request, res: Response) => {
    hub.attach(res);
    await new Promise<void>((resolve) => res.on('close', () => resolve()));
  });

  server.post(`${API}/activities`, async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const who = findPersona(personas, body.persona);
    const parsed = parsePageActivity(body.activity);
    if (!who || typeof body.conversationId !== 'string' || !parsed.ok) {
      const message = parsed.ok ? 'Name a persona and a conversation.' : parsed.message;
      fail(res, 400, 'bad-request', message);
      return;
    }
    try {
      res.send(200, await shim.post(who, body.conversationId, parsed.activity));
    } catch (error) {
      refuse(res, error);
    }
  });
}
