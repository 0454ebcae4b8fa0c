import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { Clock } from '../../src/services/ports/clock';
import type { RequestStore } from '../../src/services/ports/request-store';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { FakeConnector, type ConnectorCall } from '../fakes/fake-connector';
import { connectorCards, invokeCards, RecordingConnector, type EmittedCard } from './card-log';
import { APPROVALS_CHANNEL, TeamsClient, type TeamsUserInfo } from './teams-client';

export const TENANT_ID = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';

/** A clock the tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-23T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3600_000);
  }
}

export interface BotHarness {
  app: App;
  sim: SimulatorHandle;
  connector: FakeConnector;
  teams: TeamsClient;
  clock: ManualClock;
  logs: Record<string, unknown>[];
  users: Record<
    'requester' | 'approver1' | 'approver2' | 'nestedApprover' | 'outsider',
    TeamsUserInfo
  >;
  /** Waits until the Graph work and notifications started by the last turns are done. */
  settle(): Promise<void>;
  /** Every card the bot emitted through this harness: connector calls and invoke answers. */
  emittedCards(): EmittedCard[];
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  env?: Record<string, string>;
  store?: RequestStore;
  /** Reuse a simulator (e.g. across a restart). */
  sim?: SimulatorHandle;
  connector?: FakeConnector;
  clock?: ManualClock;
  /** False: start searching before the catalogs' first load has completed (default true). */
  waitForCatalogs?: boolean;
}

function user(id: string, name: string, key: string): TeamsUserInfo {
  return { aadObjectId: id, name, mri: `29:${key}-mri` };
}

/**
 * The whole product over real HTTP: the restify server and CloudAdapter, the in-process simulated
 * tenant, and a fake Bot Connector as the activities' serviceUrl.
 */
export async function botHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const sim = options.sim ?? (await startSimulator({ tenant: createTenant(), port: 0 }));
  const connector = options.connector ?? new RecordingConnector();
  if (!connector.url) await connector.start();
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  const clock = options.clock ?? new ManualClock();
  let app: App | undefined;
  let botUrl: string;
  try {
    const config: Config = loadConfig({
      GRAPH_BASE_URL: sim.url,
      GRAPH_RETRY_BASE_DELAY_MS: '20',
      GRAPH_RETRY_MAX_SECONDS: '20',
      GRAPH_ATTEMPT_TIMEOUT_MS: '3000',
      GRAPH_WRITE_LIFETIME_MS: '4000',
      APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
      ALLOWED_TENANT_ID: TENANT_ID,
      APPROVALS_CHANNEL_ID: APPROVALS_CHANNEL.channelId,
      STORAGE: 'memory',
      MAA_POLL_SECONDS: '1',
      LOG_LEVEL: 'debug',
      ...options.env,
    });
    app = createApp({
      config,
      logger: createLogger({ level: 'debug', destination }),
      clock,
      store: options.store,
    });
    botUrl = await app.start(0);
    // A search before the first load is answered "loading" at once: tests search a loaded list.
    const { apps, policies, managedAppConfigs } = app.graph.intune.reader;
    if (options.waitForCatalogs !== false)
      await Promise.allSettled([apps.ready(), policies.ready(), managedAppConfigs.ready()]);
  } catch (error) {
    // Whatever started is closed (bad settings included), so a failed start leaves no handle open.
    await app?.stop().catch(() => undefined);
    if (!options.connector) await connector.stop();
    if (!options.sim) await sim.close();
    throw error;
  }
  const started = app;
  const teams = new TeamsClient({ botUrl, serviceUrl: connector.url, tenantId: TENANT_ID });
  const name = (id: string) =>
    String(sim.control.tenant().users.find((u) => u.id === id)?.displayName ?? id);
  const u = WELL_KNOWN.users;
  return {
    app: started,
    sim,
    connector,
    teams,
    clock,
    logs,
    users: {
      requester: user(u.requester, name(u.requester), 'requester'),
      approver1: user(u.approver1, name(u.approver1), 'approver1'),
      approver2: user(u.approver2, name(u.approver2), 'approver2'),
      nestedApprover: user(u.nestedApprover, name(u.nestedApprover), 'nested'),
      outsider: user(u.outsider, name(u.outsider), 'outsider'),
    },
    settle: () => started.services.tasks.idle(),
    emittedCards: () => [
      ...connectorCards(
        connector instanceof RecordingConnector ? connector.allCalls() : connector.calls,
      ),
      ...invokeCards(teams.answers),
    ],
    async close() {
      await started.stop();
      if (!options.connector) await connector.stop();
      if (!options.sim) await sim.close();
    },
  };
}

/** The text of every card body element, flattened: enough to assert what a card says. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string')
          parts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return parts.join('\n');
}

/** The adaptive card content of a connector call's activity, if any. */
export function cardOf(
  call: ConnectorCall | { activity: Record<string, unknown> } | undefined,
): Record<string, unknown> | undefined {
  if (!call) return undefined;
  const body =
    'activity' in call
      ? call.activity
      : ((call.body.activity as Record<string, unknown> | undefined) ?? call.body);
  const attachments = body?.attachments as { content?: Record<string, unknown> }[] | undefined;
  return attachments?.[0]?.content;
}

/** Every Action.Execute/Submit in a card, with verb and data. */
export function actionsOf(
  card: unknown,
): { title?: string; verb?: string; data?: Record<string, unknown> }[] {
  const found: { title?: string; verb?: string; data?: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute' || n.type === 'Action.Submit') {
        const data = n.data as Record<string, unknown> | undefined;
        found.push({
          title: n.title as string | undefined,
          verb: (n.verb as string | undefined) ?? (data?.verb as string | undefined),
          data,
        });
      }
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}
