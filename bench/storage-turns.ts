/**
 * Benchmark: the same wizard and approval turns on SQLite and on Azure Storage. Two bots, each
 * the real bot over real HTTP with its own simulated tenant and fake Bot Connector
 * (`bench/bot-on-store.ts`): one on a SQLite file, one with `STORAGE=azure` on Azurite (the Table
 * store, Blob lease locks and work leases, the write rate in the table, as production builds
 * them). Each round walks the wizard (`assign`, then kind, item, target, intent, justification and
 * submit as `Action.Execute` invokes) and approves the request, then waits until the approval's
 * Graph work is done; rounds alternate between the two bots. Prints the server time of each turn
 * kind, CPU per turn and the Azure/SQLite ratio. Asserts nothing.
 *
 *   npx tsx bench/storage-turns.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTenant, WELL_KNOWN } from '../src/simulator/seed';
import { startAzurite } from '../test/support/azurite';
import type { BotHarness } from '../test/support/bot-harness';
import { walkWizard } from '../test/support/walk';
import { BENCH_USERS, startBotOnStore, type BotOnStore } from './bot-on-store';
import { at, summary } from './figures';
import { httpCallCounter } from './http-calls';
import { childPid, cpuMsOf } from './process-cpu';

const ROUNDS = 40;
const WARM_UP = 3;
const A = WELL_KNOWN.apps;
/** The apps requested in turn: one without assignments, three with the pilot group's. */
const APPS = [A.win32Unassigned, A.winGet, A.officeSuite, A.macOSLob];

/** One bot and what its turns measured, by turn kind. */
interface Side {
  label: string;
  bot: BotOnStore;
  recording: boolean;
  serverMs: Map<string, number[]>;
  cpuMs: Map<string, number[]>;
  /** Storage calls (HTTP requests to Azurite) a turn makes; none for SQLite. */
  calls: Map<string, number[]>;
  /** From the Approve answer to the request assigned (notifications, read, merge, write, check). */
  assignMs: number[];
  statuses: Map<string, number>;
  /** The bench process's CPU over each round; the storage process's (Azurite), if any. */
  roundCpuMs: number[];
  storageRoundCpuMs: number[];
  /** A storage process of its own (Azurite): its calls so far, and its CPU time so far. */
  storage?: { calls: () => number; cpuMs: () => number };
}

const push = (map: Map<string, number[]>, key: string, value: number) =>
  map.set(key, [...(map.get(key) ?? []), value]);

/** The turn's kind: the typed text, or the invoke's verb. */
function kindOf(activity: unknown): string {
  const a = activity as { type?: string; text?: string; value?: { action?: { verb?: string } } };
  return a.type === 'message' ? `typed "${a.text}"` : (a.value?.action?.verb ?? String(a.type));
}

/** Records each turn's server time and the bench process's CPU during it, while recording. */
function measureTurns(side: Side): void {
  const { teams, serverMs } = side.bot;
  const post = teams.post.bind(teams);
  teams.post = async (activity, headers) => {
    const before = serverMs.length;
    const calls = side.storage?.calls() ?? 0;
    const cpu = process.cpuUsage();
    const answer = await post(activity, headers);
    const used = process.cpuUsage(cpu);
    const storageCalls = (side.storage?.calls() ?? 0) - calls;
    // The server's 'finish' may come a tick after the client has the answer.
    while (serverMs.length === before) await new Promise((resolve) => setImmediate(resolve));
    if (side.recording) {
      push(side.serverMs, kindOf(activity), serverMs[before] ?? NaN);
      push(side.cpuMs, kindOf(activity), (used.user + used.system) / 1000);
      push(side.calls, kindOf(activity), storageCalls);
    }
    return answer;
  };
}

/** Groups none of the apps is assigned to, the same in every simulated tenant (seeded). */
function freeGroups(count: number): string[] {
  const tenant = createTenant();
  const used = new Set(
    APPS.flatMap((app) => tenant.appAssignments.get(app) ?? []).map((a) =>
      String((a.target as { groupId?: string }).groupId),
    ),
  );
  used.add(WELL_KNOWN.groups.approvers);
  return tenant.groups
    .map((g) => g.id)
    .filter((id) => !used.has(id))
    .slice(0, count);
}

/** A wizard walk and an Approve, each followed by the work it started in the background. */
async function round(side: Side, app: string, groupId: string): Promise<void> {
  const { bot } = side;
  bot.connector.clear();
  const cpu = process.cpuUsage();
  const storageCpu = side.storage?.cpuMs();
  const harness = { teams: bot.teams, connector: bot.connector } as unknown as BotHarness;
  const target = { type: 'group' as const, groupId };
  const choice = { kind: 'app' as const, itemId: app, target, intent: 'required' };
  const walked = await walkWizard(harness, BENCH_USERS.requester, choice);
  // Submit's notifications (the thread, the requester's copy) run after its answer.
  await bot.app.services.tasks.idle();
  await bot.teams.execute(BENCH_USERS.approver, 'request.approve', {
    requestId: walked.requestId,
  });
  const answered = performance.now();
  await bot.app.services.tasks.idle();
  const status = String((await bot.app.store.get(walked.requestId))?.status);
  side.statuses.set(status, (side.statuses.get(status) ?? 0) + 1);
  if (!side.recording) return;
  side.assignMs.push(performance.now() - answered);
  const used = process.cpuUsage(cpu);
  side.roundCpuMs.push((used.user + used.system) / 1000);
  if (storageCpu !== undefined) side.storageRoundCpuMs.push(side.storage!.cpuMs() - storageCpu);
}

const sorted = (samples: readonly number[]) => [...samples].sort((a, b) => a - b);
const fmt = (samples: readonly number[]) => {
  const s = sorted(samples);
  return `${at(s, 0.5).toFixed(1)} ${at(s, 0.95).toFixed(1)} ${(s.at(-1) ?? NaN).toFixed(1)}`;
};
const mean = (samples: readonly number[]) => samples.reduce((a, b) => a + b, 0) / samples.length;

function report(sqlite: Side, azure: Side): void {
  console.log(
    `\nserver time a turn, ms (p50 p95 max, n=${ROUNDS} each); CPU of the bench process during the turn (bot, client, simulator, connector), mean ms; Azure Storage calls the turn made, mean:`,
  );
  const kinds = [...sqlite.serverMs.keys(), 'all turns'];
  for (const kind of kinds) {
    const pick = (side: Side, map: 'serverMs' | 'cpuMs' | 'calls') =>
      kind === 'all turns' ? [...side[map].values()].flat() : (side[map].get(kind) ?? []);
    const [s, z] = [pick(sqlite, 'serverMs'), pick(azure, 'serverMs')];
    const ratio = at(sorted(z), 0.5) / at(sorted(s), 0.5);
    const cpu = `CPU ${mean(pick(sqlite, 'cpuMs')).toFixed(1)} / ${mean(pick(azure, 'cpuMs')).toFixed(1)}`;
    const calls = `${mean(pick(azure, 'calls')).toFixed(1)} calls`;
    console.log(
      `  ${kind.padEnd(21)} SQLite ${fmt(s).padEnd(14)} Azure ${fmt(z).padEnd(16)} x${ratio.toFixed(1)}  ${cpu}  ${calls}`,
    );
  }
  for (const side of [sqlite, azure]) {
    console.log(summary(`${side.label}: Approve answered -> assigned`, side.assignMs));
  }
  const storage = azure.storageRoundCpuMs.length > 0 ? mean(azure.storageRoundCpuMs) : NaN;
  console.log(
    `CPU a round (8 turns, the notifications and the assignment): SQLite ${mean(sqlite.roundCpuMs).toFixed(0)} ms in the bench process; Azure ${mean(azure.roundCpuMs).toFixed(0)} ms in it and ${storage.toFixed(0)} ms in Azurite`,
  );
  for (const side of [sqlite, azure]) {
    console.log(`${side.label}: requests ${JSON.stringify(Object.fromEntries(side.statuses))}`);
  }
  console.log(
    '\nAzurite is an emulator on loopback: real Azure Table and Blob Storage add network latency, typically a few ms a call in-region, to each storage call above.',
  );
}

function sideOf(label: string, bot: BotOnStore, storage?: Side['storage']): Side {
  const side: Side = {
    label,
    bot,
    storage,
    recording: false,
    serverMs: new Map(),
    cpuMs: new Map(),
    calls: new Map(),
    assignMs: [],
    statuses: new Map(),
    roundCpuMs: [],
    storageRoundCpuMs: [],
  };
  measureTurns(side);
  return side;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'storage-turns-'));
  const azurite = await startAzurite();
  const azuritePid = childPid('azurite');
  const sqlite = sideOf(
    'SQLite',
    await startBotOnStore({ env: { STORAGE: 'sqlite', SQLITE_PATH: join(dir, 'requests.db') } }),
  );
  const azure = sideOf(
    'Azure (Azurite)',
    await startBotOnStore({
      env: { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString },
    }),
    {
      calls: httpCallCounter([azurite.blobUrl, azurite.tableUrl]),
      cpuMs: () => cpuMsOf(azuritePid),
    },
  );
  const groups = freeGroups(WARM_UP + ROUNDS);
  const started = performance.now();
  try {
    for (let r = 0; r < WARM_UP + ROUNDS; r += 1) {
      const order = r % 2 === 0 ? [sqlite, azure] : [azure, sqlite];
      for (const side of order) {
        side.recording = r >= WARM_UP;
        await round(side, APPS[r % APPS.length]!, groups[r]!);
      }
    }
    console.log(
      `${WARM_UP} warm-up and ${ROUNDS} measured rounds on each storage, alternating, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    report(sqlite, azure);
  } finally {
    await sqlite.bot.close();
    await azure.bot.close();
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
