import * as restify from 'restify';
import { hasBody, readJsonBody } from '../http/json-body';
import { listen } from '../http/server';

/** The playground's own server in front of several bot instances. */
export interface Front {
  server: restify.Server;
  /** Listens; resolves with the origin, e.g. `http://127.0.0.1:3978`. */
  start(port: number, host: string): Promise<string>;
  /** Stops taking requests and waits for those in flight. */
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

/**
 * The server of the page, its API, the Direct Line shim and the fake Bot Connector when several
 * bot instances run (with one, they live on the bot's own server). It reads JSON bodies as the
 * bot's server does, and answers `/healthz` with the number of instances behind it.
 */
export function createFront(instances: number): Front {
  const server = restify.createServer({ name: 'playground', handleUncaughtExceptions: false });
  server.use((req, res, next) => {
    if (!hasBody(req)) return next();
    readJsonBody(req, MAX_BODY_BYTES).then((result) => {
      if (result.ok) {
        req.body = result.body;
        return next();
      }
      const { status, reason, message } = result.refusal;
      res.send(status, { error: { code: reason, message } });
      return next(false);
    }, next);
  });
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'alive', instances });
  });
  return {
    server,
    start: (port, host) => listen(server, port, host),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      await closed;
    },
  };
}
