import { rmSync } from 'node:fs';
import type { App } from '../app';
import { listenHost, loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../logger';
import { WELL_KNOWN } from '../simulator/seed';
import { startSimulator, type SimulatorHandle } from '../simulator/server';
import { startAzurite, type Azurite } from './azurite';
import { refuseProductionSettings } from './guard';
import { checkInstances } from './instances-option';
import type { Persona } from './personas';
import { ensurePortFree } from './port';
import { playgroundParts, startBots } from './servers';
import type { TeamsShim } from './shim';
import type { PlaygroundSlack } from './slack-client';
import type { ConversationStore } from './store';
import { PLAYGROUND_CHANNEL, PLAYGROUND_TENANT_ID } from './teams-world';

export interface PlaygroundOptions {
  /** The environment to read (default `process.env`); production settings are refused. */
  env?: NodeJS.ProcessEnv;
  /** Default `PORT` from the environment, else 3978; `0` picks a free port. */
  port?: number;
  /** A loopback address (default 127.0.0.1; `HOST` is not read): the playground is unauthenticated. */
  host?: string;
  /** Default `./data/playground.db`, emptied at every start. */
  sqlitePath?: string;
  /** One instance's store (default SQLite); several share Azure Storage on Azurite. */
  storage?: 'sqlite' | 'memory';
  /**
   * Bot instances, 1 (the default) to 4. Two or more run on one Azurite started here, each on its
   * own loopback port, and take the page's activities in turn.
   */
  instances?: number;
  logger?: Logger;
}

export interface Playground {
  /** The page, e.g. `http://127.0.0.1:3978/`. */
  url: string;
  /** The first bot instance (the only one by default). */
  app: App;
  /** Every bot instance, in the order they take turns. */
  apps: App[];
  /** The storage emulator the instances share, when several run. */
  azurite?: Azurite;
  sim: SimulatorHandle;
  store: ConversationStore;
  shim: TeamsShim;
  /** The simulated Slack workspace the bot also serves, and the Slack view's side of it. */
  slack: PlaygroundSlack;
  personas: Persona[];
  stop(): Promise<void>;
}

export const PLAYGROUND_DB = './data/playground.db';

/** The simulated tenant is new at every start, so the requests about it start afresh too. */
function freshDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${path}${suffix}`, { force: true });
}

/** Several instances share one table and one container on the Azurite the playground starts. */
function azureStorage(azurite: Azurite): NodeJS.ProcessEnv {
  return {
    STORAGE: 'azure',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_ACCOUNT_URL: '',
    AZURE_STORAGE_TABLE: 'playground',
    AZURE_STORAGE_CONTAINER: 'playground',
  };
}

function playgroundConfig(
  env: NodeJS.ProcessEnv,
  options: PlaygroundOptions,
  local: { graphUrl: string; slack: Record<string, string> },
  azurite?: Azurite,
): Config {
  return loadConfig({
    LOG_LEVEL: 'warn',
    ...env,
    GRAPH_BASE_URL: local.graphUrl,
    // Slack is the simulated workspace, with a signing secret new at every start.
    ...local.slack,
    // The simulated tenant's own Entra ID signs approvers in (GRAPH_WRITE_AS=approver).
    AZURE_AUTHORITY_HOST: '',
    HOST: options.host ?? '127.0.0.1',
    APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
    ALLOWED_TENANT_ID: PLAYGROUND_TENANT_ID,
    APPROVALS_CHANNEL_ID: PLAYGROUND_CHANNEL.channelId,
    STORAGE: options.storage ?? 'sqlite',
    SQLITE_PATH: options.sqlitePath ?? PLAYGROUND_DB,
    ...(azurite ? azureStorage(azurite) : {}),
    // The instances share the Graph application: each keeps its share of the reads.
    GRAPH_INSTANCES: String(options.instances ?? 1),
  });
}

/** Runs every closer, the last added first, even past a failure; rethrows the first failure. */
async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  let failure: unknown;
  for (const close of closers.splice(0).reverse()) {
    await close().catch((error: unknown) => (failure ??= error));
  }
  if (failure !== undefined) throw failure;
}

/**
 * The whole product on one machine, with no credentials: the simulated Intune tenant in process,
 * the bot on its embedded store, and the chat page with its Direct Line shim and fake Bot
 * Connector mounted on the bot's own server. The bot serves a simulated Slack workspace too (the
 * page's Slack view), on the same store: a request made in one chat is decided in either. Every persona has the bot installed, as approvers
 * would in Teams, so the bot can message them and refresh cards for them.
 *
 * With several `instances`, each bot listens on a loopback port of its own, all on one Azurite,
 * and the page, the shim and the connector move to a front server of their own: the shim sends
 * each activity to the next instance in turn, and every instance sends to the same connector.
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const env = options.env ?? process.env;
  refuseProductionSettings(env);
  const instances = checkInstances(options.instances ?? 1);
  // Writes as the approver: the simulated Entra ID signs the personas in, and the bot's own
  // application may only read, so every write shows whose Intune rights it used.
  const asApprover = (env.GRAPH_WRITE_AS ?? '').trim() === 'approver';
  const sim = await startSimulator({
    port: 0,
    ...(asApprover ? { entra: true, settings: { appPermission: 'Read' as const } } : {}),
  });
  const parts = playgroundParts(sim);
  const closers: (() => Promise<void>)[] = [() => sim.close()];
  const stop = async () => {
    // Open event streams would keep the servers from closing.
    parts.hub.close();
    await closeAll(closers);
  };
  try {
    await parts.slack.start();
    closers.push(() => parts.slack.stop());
    const local = { graphUrl: sim.url, slack: parts.slack.env() };
    let config = playgroundConfig(env, options, local);
    const port = options.port ?? config.PORT;
    await ensurePortFree(port, listenHost(config));
    const azurite = instances > 1 ? await startAzurite() : undefined;
    if (azurite) {
      closers.push(() => azurite.stop());
      config = playgroundConfig(env, options, local, azurite);
    } else if (config.STORAGE === 'sqlite') freshDatabase(config.SQLITE_PATH);
    const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
    const { apps, origin, urls } = await startBots(
      parts,
      { config, logger, instances, port },
      closers,
    );
    const { store, shim, personas, slack } = parts;
    shim.listening(origin, urls);
    slack.listening(urls);
    for (const persona of personas) await shim.install(persona);
    const app = apps[0] as App;
    return { url: `${origin}/`, app, apps, azurite, sim, store, shim, slack, personas, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
