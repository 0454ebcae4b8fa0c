/**
 * Benchmark part `approval-cost`: what one approval costs the bot process, and how fast the Approve
 * invoke is answered in a burst.
 *
 * The bot runs as its own process (the real entry point, SQLite, local mode), the simulated tenant
 * in another (`src/simulator/main.ts`), the fake Bot Connector and the clicks in this one. Pending
 * requests are seeded in the bot's SQLite file before it starts, as a submitted request leaves them:
 * the request, its card copies (channel thread, requester, approver) and the people the bot knows.
 *
 * 1. `SEQUENTIAL` requests approved one after another (each waits for `assigned`): the bot's CPU
 *    per approval (from `/proc/<pid>/stat`), Bot Connector and Graph calls per approval.
 * 2. `BURST` Approve clicks at once, across 10 apps: invoke latency p50/p95/max, and the time until
 *    every request is assigned (Intune's write limit, kept by the bot, paces the writes).
 *
 * About a minute. `APPROVAL_PROFILE=<dir>` also writes a CPU profile of the bot (`--cpu-prof`),
 * `APPROVAL_LOG=<file>` its log lines, `APPROVAL_BURST=0` leaves the burst out.
 *
 *   npx tsx bench/performance.ts approval-cost
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createGraph, type GraphServices } from '../../src/graph';
import { loadConfig } from '../../src/config';
import type { AssignmentRequest } from '../../src/domain/request';
import { createLogger } from '../../src/logger';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { FakeConnector } from '../../test/fakes/fake-connector';
import { startBotProcess, type BotProcess } from '../../test/support/bot-process';
import { botEntryArgs } from '../bench-processes';
import { storePendingRequest } from '../../test/support/pending-request';
import {
  APPROVALS_CHANNEL,
  TeamsClient,
  type TeamsUserInfo,
} from '../../test/support/teams-client';
import { BENCH_USERS } from '../bot-on-store';
import { APPS } from '../burst-run';
import { summary } from '../figures';
import { cpuMsOf } from '../process-cpu';
import { TENANT_ID } from '../seed-requests';

const SEQUENTIAL = 100;
/** Approve clicks at once; `APPROVAL_BURST=0` leaves the burst out. */
const BURST = process.env.APPROVAL_BURST === '0' ? 0 : 200;
const DEADLINE_MS = 5 * 60_000;

/** The simulated tenant as its own process; resolves with its URL once it listens. */
async function startTenantProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/main.ts'], {
    cwd: join(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SIMULATOR_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', () => reject(new Error('the simulated tenant exited')));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = /at (http:\/\/[^ ]+)\/v1\.0/.exec(line);
      if (found?.[1]) resolve(found[1]);
    });
  });
  // Note: the budget helper may give the simulated tenant Intune's throttling limits; if a setting
  // turns them off, set it here (PATCH `${url}/_sim/settings`), as this part measures the bot.
  return { url, stop: () => child.kill('SIGTERM') };
}

const sim = (url: string, path: string, method = 'GET') =>
  fetch(`${url}/_sim/${path}`, { method }).then((r) => (r.status === 200 ? r.json() : undefined));

/** A person as the bot remembers them once they have talked to it in a personal chat. */
function knownUser(user: TeamsUserInfo, serviceUrl: string) {
  return {
    id: user.aadObjectId,
    name: user.name,
    tenantId: TENANT_ID,
    channelUserId: user.mri,
    serviceUrl,
    channelId: 'msteams',
    personalConversationId: `a:personal-${user.mri}`,
  };
}

/** Pending requests with the card copies and known people a submission leaves, in `path`. */
async function seed(path: string, graph: GraphServices, serviceUrl: string, count: number) {
  const store = new SqliteRequestStore({ path });
  const { approver, requester } = BENCH_USERS;
  for (const user of [approver, requester]) {
    await store.putSetting(`known-user:${user.aadObjectId}`, knownUser(user, serviceUrl));
  }
  const tenant = createTenant();
  const free = tenant.groups.filter((g) => g.id !== WELL_KNOWN.groups.approvers);
  const requests: AssignmentRequest[] = [];
  for (let i = 0; i < count; i += 1) {
    const group = free[i]!;
    const appId = APPS[i % APPS.length];
    const spec = { tenantId: TENANT_ID, groupId: group.id, groupName: String(group.displayName) };
    const request = await storePendingRequest(store, graph.intune, { ...spec, appId });
    const at = (conversationId: string, activityId: string) => ({
      serviceUrl,
      channelId: 'msteams',
      conversationId,
      activityId,
    });
    const root = `root-${i}`;
    const thread = `${APPROVALS_CHANNEL.channelId};messageid=${root}`;
    await store.putCardCopy(request.id, { key: 'channel', ref: at(thread, root) });
    for (const [key, user] of [
      ['requester', requester],
      [`approver:${approver.aadObjectId}`, approver],
    ] as const) {
      const ref = at(`a:personal-${user.mri}`, `${key}-${i}`);
      await store.putCardCopy(request.id, { key, ref });
    }
    requests.push(request);
  }
  await store.close();
  return requests;
}

/** Waits until the bot has logged the end of every request in `ids`. */
async function ended(bot: BotProcess, ids: Set<string>, from: number): Promise<boolean> {
  const started = performance.now();
  for (;;) {
    const seen = new Set<string>();
    for (const line of bot.lines.slice(from)) {
      if (line.includes('assignment attempt ended')) {
        seen.add(String((JSON.parse(line) as { requestId?: string }).requestId));
      }
    }
    if ([...ids].every((id) => seen.has(id))) return true;
    if (performance.now() - started > DEADLINE_MS) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until the connector has had no call for `quietMs`. */
async function settled(connector: FakeConnector, quietMs = 300): Promise<void> {
  let count = -1;
  while (count !== connector.calls.length) {
    count = connector.calls.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'approval-cost-'));
  const tenant = await startTenantProcess();
  const connector = new FakeConnector();
  await connector.start();
  const config = loadConfig({ GRAPH_BASE_URL: tenant.url, STORAGE: 'memory' });
  const graph = createGraph(config, createLogger({ level: 'silent' }));
  let bot: BotProcess | undefined;
  try {
    const setup = performance.now();
    const path = join(dir, 'requests.db');
    const requests = await seed(path, graph, connector.url, SEQUENTIAL + BURST);
    const profile = process.env.APPROVAL_PROFILE;
    bot = await startBotProcess(
      {
        STORAGE: 'sqlite',
        SQLITE_PATH: path,
        GRAPH_BASE_URL: tenant.url,
        ALLOWED_TENANT_ID: TENANT_ID,
        APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
        APPROVALS_CHANNEL_ID: APPROVALS_CHANNEL.channelId,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      ...botEntryArgs(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    );
    const teams = new TeamsClient({
      botUrl: bot.url,
      serviceUrl: connector.url,
      tenantId: TENANT_ID,
    });
    const approve = (r: AssignmentRequest) =>
      teams.execute(BENCH_USERS.approver, 'request.approve', { requestId: r.id });
    console.log(
      `bot (pid ${bot.child.pid}), simulated tenant and ${requests.length} pending requests (with card copies) ready in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
    );
    // One approval first, so that the figures leave out what the first one loads.
    const [first, ...rest] = requests;
    await approve(first!);
    await ended(bot, new Set([first!.id]), 0);
    await settled(connector);

    const sequential = rest.slice(0, SEQUENTIAL - 1);
    connector.clear();
    const connectionsBefore = connector.connections;
    await sim(tenant.url, 'requests', 'DELETE');
    const cpuBefore = cpuMsOf(bot.child.pid!);
    const answers: number[] = [];
    for (const request of sequential) {
      const from = bot.lines.length;
      const start = performance.now();
      await approve(request);
      answers.push(performance.now() - start);
      await ended(bot, new Set([request.id]), from);
    }
    await settled(connector);
    const cpu = cpuMsOf(bot.child.pid!) - cpuBefore;
    const graphCalls = ((await sim(tenant.url, 'requests')) as { value: unknown[] }).value.length;
    const n = sequential.length;
    const kinds = new Map<string, number>();
    for (const call of connector.calls) kinds.set(call.kind, (kinds.get(call.kind) ?? 0) + 1);
    const perKind = [...kinds].map(([kind, count]) => `${kind} ${(count / n).toFixed(1)}`);
    console.log(
      `${n} approvals one after another: bot CPU ${(cpu / n).toFixed(1)} ms per approval (invoke, notifications, Graph, store; /proc, 10 ms ticks over ${cpu.toFixed(0)} ms)`,
    );
    console.log(
      `  Bot Connector calls per approval: ${(connector.calls.length / n).toFixed(1)} (${perKind.join(', ')}) over ${((connector.connections - connectionsBefore) / n).toFixed(1)} new TCP connections; Graph calls per approval: ${(graphCalls / n).toFixed(1)}`,
    );
    console.log(`  ${summary('Approve invoke answered (one at a time)', answers)}`);

    // The burst, unless APPROVAL_BURST=0 leaves it out (no requests were seeded for it then).
    const burst = rest.slice(SEQUENTIAL - 1);
    if (burst.length > 0) {
      const from = bot.lines.length;
      const started = performance.now();
      const burstCpu = cpuMsOf(bot.child.pid!);
      const latencies = await Promise.all(
        burst.map(async (request) => {
          const start = performance.now();
          const answer = await approve(request);
          if (answer.status !== 200) throw new Error(`approve answered ${answer.status}`);
          return performance.now() - start;
        }),
      );
      const answeredCpu = cpuMsOf(bot.child.pid!) - burstCpu;
      const done = await ended(bot, new Set(burst.map((r) => r.id)), from);
      const total = performance.now() - started;
      console.log(`${burst.length} Approve clicks at once, across ${APPS.length} apps:`);
      console.log(`  ${summary('Approve invoke answered', latencies)}`);
      console.log(
        `  bot CPU until the last answer: ${answeredCpu.toFixed(0)} ms (${(answeredCpu / burst.length).toFixed(1)} ms per click)`,
      );
      console.log(
        done
          ? `  every request ended ${(total / 1000).toFixed(1)} s after the clicks (Intune's write limit paces the writes)`
          : `  NOT every request ended within ${DEADLINE_MS / 60_000} min`,
      );
      if (!done) process.exitCode = 1;
    }
  } finally {
    if (bot) {
      bot.child.kill('SIGTERM');
      await bot.exited;
      if (process.env.APPROVAL_LOG) writeFileSync(process.env.APPROVAL_LOG, bot.lines.join('\n'));
    }
    graph.intune.stop();
    await connector.stop();
    tenant.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
