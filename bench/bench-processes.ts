import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WELL_KNOWN } from '../src/simulator/seed';
import { startBotProcess, type BotProcess } from '../test/support/bot-process';
import { APPROVALS_CHANNEL, TeamsClient, type TeamsUserInfo } from '../test/support/teams-client';
import { TENANT_ID } from './seed-requests';

const ROOT = join(__dirname, '..');

/** The simulated tenant at bench scale (50,000 apps, 200,000 groups) in a process of its own. */
export async function startBenchTenant(): Promise<{ url: string; close(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/simulator/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, SIMULATOR_SCALE: 'bench', SIMULATOR_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = /at (http:\/\/[^ ]+)\/v1\.0/.exec(line);
      if (found?.[1]) resolve(found[1]);
    });
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A bot from the real entry point, with each request's server time printed (server-timing.cjs). */
export interface BenchBot extends BotProcess {
  teams: TeamsClient;
  /** Server time of the requests answered since the last call, in ms. */
  takeServerMs(): number[];
  /** VmRSS and VmHWM (peak) of the process, in bytes, from /proc. */
  memory(): { rss: number; peak: number };
}

let built: boolean | undefined;

/**
 * The benchmarks run the bot as production does, compiled (`dist/src/index.js`): built once per
 * run here. `BENCH_SOURCE=1` runs the sources through tsx instead (heavier: tsx keeps every
 * module's source and source map in memory).
 */
export function benchEntry(): boolean {
  if (process.env.BENCH_SOURCE === '1') return false;
  if (!built) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    built = true;
  }
  return true;
}

/** The node arguments and entry flag of a benchmark's bot: production's when compiled. */
export function botEntryArgs(extra: string[] = []): [string[], boolean] {
  const compiled = benchEntry();
  return [[...(compiled ? PRODUCTION_NODE_ARGS : []), ...extra], compiled];
}

/**
 * Node's flags of the production start command (README, "Run it on Azure"): the old generation
 * capped at 256 MB, so the garbage a busy minute makes is collected before RSS grows past it (the
 * live heap with 50,000 apps is about 90 MB). The sources run without it.
 */
export const PRODUCTION_NODE_ARGS = ['--max-old-space-size=256'];

export async function startBenchBot(
  tenantUrl: string,
  connectorUrl: string,
  env: Record<string, string>,
): Promise<BenchBot> {
  const bot = await startBotProcess(
    {
      NODE_OPTIONS: `--require ${join(__dirname, 'server-timing.cjs')} ${env.NODE_OPTIONS ?? ''}`,
      GRAPH_BASE_URL: tenantUrl,
      ALLOWED_TENANT_ID: TENANT_ID,
      APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
      APPROVALS_CHANNEL_ID: APPROVALS_CHANNEL.channelId,
      PORT: '0',
      // Info, as in production: the start-up line with the URL is an info line.
      LOG_LEVEL: 'info',
      ...env,
    },
    ...botEntryArgs(),
  );
  let read = 0;
  const pid = bot.child.pid ?? 0;
  const kb = (status: string, key: string) =>
    Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return {
    ...bot,
    teams: new TeamsClient({ botUrl: bot.url, serviceUrl: connectorUrl, tenantId: TENANT_ID }),
    takeServerMs() {
      const lines = bot.lines.slice(read);
      read = bot.lines.length;
      return lines.filter((l) => l.startsWith('server-ms ')).map((l) => Number(l.slice(10)));
    },
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return { rss: kb(status, 'VmRSS'), peak: kb(status, 'VmHWM') };
    },
  };
}

/** Sends a search until the app catalog answers with results (not "loading"): the load's time. */
export async function waitForCatalog(teams: TeamsClient, user: TeamsUserInfo): Promise<number> {
  const start = performance.now();
  for (;;) {
    const answer = await teams.search(user, 'apps', 'zoom');
    const results = (answer.body as { value?: { results?: { value: string }[] } }).value?.results;
    if (results?.some((r) => r.value !== '')) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
