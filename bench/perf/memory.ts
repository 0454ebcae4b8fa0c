/**
 * The bot's memory with 50,000 apps and 100,000 stored requests: the real entry point in its own
 * process on a SQLite file seeded with 100,000 requests (`bench/seed-requests.ts`, in a child) and
 * 200 more pending ones across 10 apps, the simulated tenant at bench scale in another process,
 * and a fake Bot Connector here. Prints the bot's RSS idle (catalog loaded), at its peak under
 * load (4 clients typing in the app picker, one sending `pending` and `my requests`, and 200
 * Approve clicks at once), and after; VmRSS sampled every 20 ms, VmHWM from /proc. With
 * HEAP_SNAPSHOT=1 the bot writes a heap snapshot idle and after the load (`--heapsnapshot-signal`;
 * `bench/heap-summary.ts` sums them by constructor); writing one raises RSS, so the RSS figures
 * of such a run are not the bot's. `BENCH_BOT_NODE_OPTIONS` adds node options to the bot (to try
 * other heap settings). About 1.5 minutes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config';
import type { AssignmentRequest } from '../../src/domain/request';
import { createGraph } from '../../src/graph';
import { createLogger } from '../../src/logger';
import { BENCH_SCALE, createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { FakeConnector } from '../../test/fakes/fake-connector';
import { storePendingRequest } from '../../test/support/pending-request';
import { BENCH_USERS } from '../bot-on-store';
import { startBenchBot, startBenchTenant, waitForCatalog, type BenchBot } from '../bench-processes';
import { mb } from '../figures';
import { TENANT_ID } from '../seed-requests';
import { QUERY_CLASSES } from './typeahead';

const A = WELL_KNOWN.apps;
const APPS = [A.win32, A.win32Unassigned, A.iosVpp, A.iosStore, A.androidManagedStore, A.webApp];
const APPROVALS = 200;
const LOAD_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 200 pending requests across the apps, each for a group none of them is assigned to. */
async function seedApprovals(path: string, tenantUrl: string): Promise<AssignmentRequest[]> {
  const tenant = createTenant(BENCH_SCALE);
  const used = new Set(
    APPS.flatMap((app) =>
      (tenant.appAssignments.get(app) ?? []).map((a) => JSON.stringify(a.target ?? {})),
    ),
  );
  const groups = tenant.groups
    .filter((g) => g.id !== WELL_KNOWN.groups.approvers && ![...used].some((u) => u.includes(g.id)))
    .slice(0, APPROVALS);
  const graph = createGraph(
    loadConfig({ GRAPH_BASE_URL: tenantUrl, STORAGE: 'memory' }),
    createLogger({ level: 'silent' }),
  );
  const store = new SqliteRequestStore({ path });
  const requests: AssignmentRequest[] = [];
  for (const [i, g] of groups.entries()) {
    const spec = { tenantId: TENANT_ID, groupId: g.id, groupName: String(g.displayName) };
    requests.push(
      await storePendingRequest(store, graph.intune, { ...spec, appId: APPS[i % APPS.length] }),
    );
  }
  await store.close();
  return requests;
}

/** Has the bot write a heap snapshot (to its working folder), and waits for it to be written. */
async function snapshot(bot: BenchBot): Promise<void> {
  bot.child.kill('SIGUSR2');
  await sleep(15_000);
}

/** The bot's VmRSS sampled every 20 ms while `work` runs: the highest seen. */
async function peakWhile(bot: BenchBot, work: () => Promise<void>): Promise<number> {
  let peak = bot.memory().rss;
  const timer = setInterval(() => (peak = Math.max(peak, bot.memory().rss)), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, bot.memory().rss);
}

async function load(bot: BenchBot, connector: FakeConnector, requests: AssignmentRequest[]) {
  const end = performance.now() + LOAD_MS;
  const queries = Object.values(QUERY_CLASSES).flat();
  const counts = { searches: 0, listTurns: 0 };
  const searching = Array.from({ length: 4 }, async (_, c) => {
    for (let i = c; performance.now() < end; i += 1) {
      await bot.teams.search(BENCH_USERS.requester, 'apps', queries[i % queries.length] ?? '');
      counts.searches += 1;
    }
  });
  const listing = (async () => {
    for (let i = 0; performance.now() < end; i += 1) {
      if (i % 2 === 0) await bot.teams.say(BENCH_USERS.approver, 'pending');
      else await bot.teams.say(BENCH_USERS.requester, 'my requests');
      counts.listTurns += 1;
      connector.clear();
    }
  })();
  await sleep(3_000);
  const start = performance.now();
  const answers = await Promise.all(
    requests.map((r) =>
      bot.teams.execute(BENCH_USERS.approver, 'request.approve', { requestId: r.id }),
    ),
  );
  const clicksMs = performance.now() - start;
  const ended = () => bot.lines.filter((l) => l.includes('assignment attempt ended')).length;
  while (ended() < requests.length && performance.now() < end + 60_000) await sleep(200);
  await Promise.all([...searching, listing]);
  const refused = answers.filter((a) => a.status !== 200).length;
  console.log(
    `load: ${counts.searches} searches (4 in flight), ${counts.listTurns} pending/my requests turns, ${requests.length} Approve clicks answered in ${clicksMs.toFixed(0)} ms (${refused} not 200), ${ended()} assignments ended`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'memory-bench-'));
  const path = join(dir, 'requests.db');
  const seedArgs = [
    '--import',
    'tsx',
    join(__dirname, '..', 'seed-requests.ts'),
    path,
    new Date().toISOString(),
  ];
  execFileSync(process.execPath, seedArgs, { cwd: join(__dirname, '..', '..') });
  const tenant = await startBenchTenant();
  const connector = new FakeConnector();
  await connector.start();
  const requests = await seedApprovals(path, tenant.url);
  const snapshots = process.env.HEAP_SNAPSHOT === '1';
  const bot = await startBenchBot(tenant.url, connector.url, {
    STORAGE: 'sqlite',
    SQLITE_PATH: path,
    LOG_LEVEL: 'info',
    NODE_OPTIONS: `${snapshots ? '--heapsnapshot-signal=SIGUSR2' : ''} ${process.env.BENCH_BOT_NODE_OPTIONS ?? ''}`,
  });
  try {
    console.log(
      `100,000 stored requests and ${requests.length} pending to approve; bot pid ${bot.child.pid}`,
    );
    await waitForCatalog(bot.teams, BENCH_USERS.requester);
    await sleep(2_000);
    const idle = bot.memory();
    console.log(`RSS idle, catalog loaded: ${mb(idle.rss)} (peak so far, VmHWM: ${mb(idle.peak)})`);
    if (snapshots) await snapshot(bot);
    const peak = await peakWhile(bot, () => load(bot, connector, requests));
    await sleep(3_000);
    const after = bot.memory();
    console.log(`RSS peak under load: ${mb(peak)} (VmHWM since start: ${mb(after.peak)})`);
    console.log(`RSS after the load: ${mb(after.rss)}`);
    if (snapshots) await snapshot(bot);
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await connector.stop();
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
