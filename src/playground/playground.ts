import { rmSync } from 'node:fs';
import type { TurnContext } from 'botbuilder';
import { createApp, type App } from '../app';
import { capsFor } from '../bot/audience';
import { listenHost, loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../logger';
import { WELL_KNOWN } from '../simulator/seed';
import { startSimulator, type SimulatorHandle } from '../simulator/server';
import { mountApi } from './api-routes';
import { mountConnector } from './connector';
import { EventHub } from './events';
import { refuseProductionSettings } from './guard';
import { mountPage } from './page-routes';
import { personasFrom, type Persona } from './personas';
import { ensurePortFree } from './port';
import { TeamsShim } from './shim';
import { ConversationStore } from './store';
import { PLAYGROUND_CAPS, PLAYGROUND_CHANNEL, PLAYGROUND_TENANT_ID } from './teams-world';

export interface PlaygroundOptions {
  /** The environment to read (default `process.env`); production settings are refused. */
  env?: NodeJS.ProcessEnv;
  /** Default `PORT` from the environment, else 3978; `0` picks a free port. */
  port?: number;
  /** A loopback address (default 127.0.0.1; `HOST` is not read): the playground is unauthenticated. */
  host?: string;
  /** Default `./data/playground.db`, emptied at every start. */
  sqlitePath?: string;
  storage?: 'sqlite' | 'memory';
  logger?: Logger;
}

export interface Playground {
  /** The page, e.g. `http://127.0.0.1:3978/`. */
  url: string;
  app: App;
  sim: SimulatorHandle;
  store: ConversationStore;
  shim: TeamsShim;
  personas: Persona[];
  stop(): Promise<void>;
}

export const PLAYGROUND_DB = './data/playground.db';

/** The simulated tenant is new at every start, so the requests about it start afresh too. */
function freshDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${path}${suffix}`, { force: true });
}

function playgroundConfig(
  env: NodeJS.ProcessEnv,
  options: PlaygroundOptions,
  graphUrl: string,
): Config {
  return loadConfig({
    LOG_LEVEL: 'warn',
    ...env,
    GRAPH_BASE_URL: graphUrl,
    HOST: options.host ?? '127.0.0.1',
    APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
    ALLOWED_TENANT_ID: PLAYGROUND_TENANT_ID,
    APPROVALS_CHANNEL_ID: PLAYGROUND_CHANNEL.channelId,
    STORAGE: options.storage ?? 'sqlite',
    SQLITE_PATH: options.sqlitePath ?? PLAYGROUND_DB,
  });
}

interface Wired {
  app: App;
  store: ConversationStore;
  shim: TeamsShim;
  hub: EventHub;
  personas: Persona[];
}

/** The bot with the playground mounted on its server: connector, page, API and events. */
function wire(config: Config, logger: Logger, sim: SimulatorHandle): Wired {
  const personas = personasFrom(sim.control.tenant());
  const boot = Date.now().toString(36);
  const hub = new EventHub(boot);
  const store = new ConversationStore((event) => hub.publish(event), boot);
  const shim = new TeamsShim(store, personas);
  const app = createApp({
    config,
    logger,
    capsOf: (context: TurnContext) =>
      shim.isShim(context.activity.serviceUrl)
        ? PLAYGROUND_CAPS
        : capsFor(context.activity.channelId),
  });
  let writes = 0;
  const afterCall = () => {
    // The bot reports an assignment after Graph answered: the page is told about the write then.
    const count = sim.control.writes().length;
    if (count !== writes) hub.publish({ type: 'graph-writes', count });
    writes = count;
  };
  mountConnector(app.server, { store, personas, afterCall });
  mountPage(app.server);
  mountApi(app.server, { store, shim, hub, personas, sim: sim.control });
  return { app, store, shim, hub, personas };
}

/**
 * The whole product on one machine, with no credentials: the simulated Intune tenant in process,
 * the bot on its embedded store, and the chat page with its Direct Line shim and fake Bot
 * Connector mounted on the bot's own server. Every persona has the bot installed, as approvers
 * would in Teams, so the bot can message them and refresh cards for them.
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const env = options.env ?? process.env;
  refuseProductionSettings(env);
  const sim = await startSimulator({ port: 0 });
  let wired: Wired | undefined;
  const stop = async () => {
    wired?.hub.close();
    await wired?.app.stop();
    await sim.close();
  };
  try {
    const config = playgroundConfig(env, options, sim.url);
    const port = options.port ?? config.PORT;
    const host = listenHost(config);
    await ensurePortFree(port, host);
    if (config.STORAGE === 'sqlite') freshDatabase(config.SQLITE_PATH);
    wired = wire(config, options.logger ?? createLogger({ level: config.LOG_LEVEL }), sim);
    const { app, shim, personas } = wired;
    shim.listening(await app.start(port, host));
    for (const persona of personas) await shim.install(persona);
    return { url: `${shim.origin}/`, app, sim, store: wired.store, shim, personas, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
