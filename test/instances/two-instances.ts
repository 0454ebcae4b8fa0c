import type { AssignmentRequest } from '../../src/domain/request';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { createGraph, type GraphServices } from '../../src/graph';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { azureStorageClients } from '../../src/storage/azure/azure-storage';
import { AzureTableRequestStore } from '../../src/storage/azure/table-request-store';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { startAzurite, type Azurite } from '../support/azurite';
import { killHard, startBotProcess, type BotProcess } from '../support/bot-process';
import { RecordingConnector } from '../support/card-log';
import { storePendingRequest } from '../support/pending-request';
import { APPROVALS_CHANNEL, TeamsClient, type TeamsUserInfo } from '../support/teams-client';

export const TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';

const person = (id: string, name: string, key: string): TeamsUserInfo => ({
  aadObjectId: id,
  name,
  mri: `29:${key}-mri`,
});
export const REQUESTER = person(WELL_KNOWN.users.requester, 'Megan Bowen', 'requester');
export const APPROVER = person(WELL_KNOWN.users.approver1, 'Patti Fernandez', 'approver1');

/** One bot process of the pair, and a Teams client that talks to it. */
export interface Instance {
  bot: BotProcess;
  teams: TeamsClient;
}

/**
 * Two real bot processes (the real entry point, `STORAGE=azure`) on one Azurite, one simulated
 * tenant and one fake Bot Connector, all started here; a table and a container of their own.
 */
export interface Pair {
  azurite: Azurite;
  sim: SimulatorHandle;
  connector: RecordingConnector;
  graph: GraphServices;
  /** The instances' store, read (and seeded) from the test. */
  store: AzureTableRequestStore;
  a: Instance;
  b: Instance;
  /** Starts another instance on the same storage (a restart). */
  start(): Promise<Instance>;
  pending(groupId: string, groupName: string, appId?: string): Promise<AssignmentRequest>;
  approve(on: Instance, request: AssignmentRequest): ReturnType<TeamsClient['post']>;
  statusOf(request: AssignmentRequest): Promise<string | undefined>;
  groupsOf(appId: string): string[];
  close(): Promise<void>;
}

let pairs = 0;

export async function startPair(env: Record<string, string> = {}): Promise<Pair> {
  pairs += 1;
  const names = { table: `pair${pairs}${process.pid}`, container: `pair-${pairs}-${process.pid}` };
  const azurite = await startAzurite();
  const sim = await startSimulator({ tenant: createTenant(), port: 0 });
  const connector = new RecordingConnector();
  await connector.start();
  const config = loadConfig({ GRAPH_BASE_URL: sim.url, STORAGE: 'memory' });
  const graph = createGraph(config, createLogger({ level: 'silent' }));
  const { table } = azureStorageClients({
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_ACCOUNT_URL: undefined,
    AZURE_STORAGE_TABLE: names.table,
    AZURE_STORAGE_CONTAINER: names.container,
  });
  const store = new AzureTableRequestStore(table);
  const bots: BotProcess[] = [];
  const start = async (): Promise<Instance> => {
    const bot = await startBotProcess({
      STORAGE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_TABLE: names.table,
      AZURE_STORAGE_CONTAINER: names.container,
      AZURE_LEASE_SECONDS: '15',
      GRAPH_BASE_URL: sim.url,
      ALLOWED_TENANT_ID: TENANT,
      APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
      APPROVALS_CHANNEL_ID: APPROVALS_CHANNEL.channelId,
      PORT: '0',
      LOG_LEVEL: 'info',
      GRAPH_RETRY_BASE_DELAY_MS: '20',
      GRAPH_ATTEMPT_TIMEOUT_MS: '6000',
      GRAPH_WRITE_LIFETIME_MS: '9000',
      BACKGROUND_SWEEP_SECONDS: '1',
      MAA_POLL_SECONDS: '1',
      ...env,
    });
    bots.push(bot);
    const teams = new TeamsClient({ botUrl: bot.url, serviceUrl: connector.url, tenantId: TENANT });
    return { bot, teams };
  };
  const [a, b] = await Promise.all([start(), start()]);
  return {
    azurite,
    sim,
    connector,
    graph,
    store,
    a: a!,
    b: b!,
    start,
    pending: (groupId, groupName, appId) =>
      storePendingRequest(store, graph.intune, { tenantId: TENANT, groupId, groupName, appId }),
    approve: (on, request) =>
      on.teams.execute(APPROVER, 'request.approve', { requestId: request.id }),
    statusOf: async (request) => (await store.get(request.id))?.status,
    groupsOf: (appId) =>
      (sim.control.tenant().appAssignments.get(appId) ?? [])
        .map((a) => String((a.target as { groupId?: string }).groupId ?? ''))
        .filter(Boolean)
        .sort(),
    async close() {
      for (const bot of bots) await killHard(bot);
      graph.intune.stop();
      await connector.stop();
      await sim.close();
      await azurite.stop();
    },
  };
}

/** Prints a figure line the suite shows (jest keeps test output otherwise quiet). */
export const figure = (line: string) => process.stdout.write(`  [two instances] ${line}\n`);

/** Groups the app has no assignment for, by id and name. */
export function freeGroups(p: Pair, appId: string, count: number): { id: string; name: string }[] {
  const used = new Set(p.groupsOf(appId));
  return p.sim.control
    .tenant()
    .groups.filter((g) => !used.has(g.id) && g.id !== WELL_KNOWN.groups.approvers)
    .slice(0, count)
    .map((g) => ({ id: g.id, name: String(g.displayName) }));
}

/** Runs `tasks` with at most `limit` at once. */
export async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const READ_ONLY = new Set(['id', 'source', 'sourceId']);
export const verbatim = (a: GraphObject) =>
  JSON.stringify(Object.fromEntries(Object.entries(a).filter(([k]) => !READ_ONLY.has(k))));
