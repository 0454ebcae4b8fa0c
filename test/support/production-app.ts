import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createGraph } from '../../src/graph';
import { createLogger } from '../../src/logger';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { FakeConnector } from '../fakes/fake-connector';
import { FakeBotIdentity } from './fake-bot-identity';
import { TeamsClient } from './teams-client';

export const PRODUCTION_APP_ID = '11111111-2222-3333-4444-555555555555';
export const PRODUCTION_TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
/** A real Teams service URL: https, as production mode requires (out of reach from here). */
export const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/amer/';

export interface ProductionApp {
  app: App;
  sim: SimulatorHandle;
  identity: FakeBotIdentity;
  connector: FakeConnector;
  /** Sends as Teams would, with `serviceUrl` the fake connector (http, refused in production). */
  teams: TeamsClient;
  logs: Record<string, unknown>[];
  /** A genuine Bot Connector token for this bot and `serviceUrl`. */
  token(serviceUrl?: string): string;
  close(): Promise<void>;
}

/**
 * The bot in production mode (an app id and password, one tenant, SQLite in a temporary folder)
 * over real HTTP, with `FakeBotIdentity` as Bot Framework's token service so that tokens are
 * validated for real. Graph goes to the simulated tenant only because Microsoft Graph is out of
 * reach here.
 */
export async function productionApp(env: Record<string, string> = {}): Promise<ProductionApp> {
  const sim = await startSimulator({ tenant: createTenant(), port: 0 });
  const identity = new FakeBotIdentity();
  await identity.start();
  const connector = new FakeConnector();
  await connector.start();
  const config = loadConfig({
    MicrosoftAppId: PRODUCTION_APP_ID,
    MicrosoftAppPassword: 'bot-password-never-logged',
    MicrosoftAppTenantId: PRODUCTION_TENANT,
    ALLOWED_TENANT_ID: PRODUCTION_TENANT,
    APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
    SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'prod-')), 'requests.db'),
    ToBotFromChannelOpenIdMetadataUrl: identity.metadataUrl,
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const graph = createGraph({ ...config, GRAPH_BASE_URL: sim.url }, logger);
  const app = createApp({ config, logger, graph });
  const url = await app.start(0);
  const teams = new TeamsClient({
    botUrl: url,
    serviceUrl: connector.url,
    tenantId: PRODUCTION_TENANT,
  });
  return {
    app,
    sim,
    identity,
    connector,
    teams,
    logs,
    token: (serviceUrl = TEAMS_SERVICE_URL) =>
      identity.token({ appId: PRODUCTION_APP_ID, serviceUrl }),
    async close() {
      await app.stop();
      await identity.stop();
      await connector.stop();
      await sim.close();
    },
  };
}
