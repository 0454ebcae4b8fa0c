import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { Request, Response, Next } from 'restify';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import type { Clock } from '../src/services/ports/clock';
import type { RequestStore } from '../src/services/ports/request-store';
import { createTenant, WELL_KNOWN } from '../src/simulator/seed';
import { startSimulator } from '../src/simulator/server';
import { FakeConnector } from '../test/fakes/fake-connector';
import { APPROVALS_CHANNEL, TeamsClient } from '../test/support/teams-client';
import { TENANT_ID } from './seed-requests';

export interface BotOnStore {
  app: App;
  connector: FakeConnector;
  teams: TeamsClient;
  /** Server time of each HTTP request: from its arrival to its response leaving. */
  serverMs: number[];
  close(): Promise<void>;
}

export interface BotOnStoreOptions {
  /** A store built by the bench; else the storage the `env` configures (`STORAGE=...`). */
  store?: RequestStore;
  clock?: Clock;
  /** Configuration added to the bench's own (e.g. `STORAGE=azure` and its connection string). */
  env?: Record<string, string>;
}

/**
 * The real bot, as production runs it (info-level logs, here discarded), over real HTTP with the
 * simulated tenant and a fake Bot Connector that keeps no archive: on the bench's `store`, or on
 * the storage `env` configures, built by the composition root as in production (for
 * `STORAGE=azure`, Blob lease locks and the write rate in the table too). Unlike the test harness
 * it keeps no debug log in memory, so the figures are the bot's own.
 */
export async function startBotOnStore(options: BotOnStoreOptions): Promise<BotOnStore> {
  const { store, clock } = options;
  const sim = await startSimulator({ tenant: createTenant(), port: 0 });
  const connector = new FakeConnector();
  await connector.start();
  const config = loadConfig({
    GRAPH_BASE_URL: sim.url,
    APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
    ALLOWED_TENANT_ID: TENANT_ID,
    APPROVALS_CHANNEL_ID: APPROVALS_CHANNEL.channelId,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = createLogger({ level: 'info', destination: discard });
  const app = createApp({ config, logger, clock, store });
  const serverMs: number[] = [];
  app.server.pre((_req: Request, res: Response, next: Next) => {
    const start = performance.now();
    res.once('finish', () => serverMs.push(performance.now() - start));
    return next();
  });
  const botUrl = await app.start(0);
  const teams = new TeamsClient({ botUrl, serviceUrl: connector.url, tenantId: TENANT_ID });
  return {
    app,
    connector,
    teams,
    serverMs,
    async close() {
      await app.stop();
      await connector.stop();
      await sim.close();
    },
  };
}

/** The people of the simulated tenant the benchmark plays. */
export const BENCH_USERS = {
  approver: {
    aadObjectId: WELL_KNOWN.users.approver1,
    name: 'Patti Fernandez',
    mri: '29:approver1-mri',
  },
  requester: {
    aadObjectId: WELL_KNOWN.users.requester,
    name: 'Megan Bowen',
    mri: '29:requester-mri',
  },
};
