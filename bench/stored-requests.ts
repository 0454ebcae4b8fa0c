/**
 * Benchmark: the bot over a large store. Seeds a SQLite file with 100,000 requests (20,000
 * pending, 30,000 from one requester) and 1,000,000 audit records (`bench/seed-requests.ts`, in a
 * child process), starts the real bot on it over real HTTP (restify, CloudAdapter, the simulated
 * tenant and a fake Bot Connector, as `bench/turns.ts`), sends `pending` as an approver and
 * `my requests` as the 30,000-request requester, then times the expiry sweep and the audit export.
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/stored-requests.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { auditCursorAfter, type AuditCursor } from '../src/services/ports/request-store';
import { SqliteRequestStore } from '../src/storage/sqlite-request-store';
import { cardOf, cardText, ManualClock } from '../test/support/bot-harness';
import { BENCH_USERS, startBotOnStore, type BotOnStore } from './bot-on-store';
import { mb, rssMeter, summary, timeSteps } from './figures';

const TURNS = 300;
const AUDIT_RECORDS = 1_000_000;

/** The audit CLI in a child process, output counted and dropped: its time and peak memory. */
const EXPORT = `
const { runAuditCli } = require('./src/audit-cli.ts');
let bytes = 0;
const io = { stdout: (t) => void (bytes += t.length), stderr: (t) => process.stderr.write(t), env: {} };
const start = performance.now();
runAuditCli(['--since', '2000-01-01', '--db', process.argv[1]], io).then((code) => process.stdout.write(
  JSON.stringify({ code, bytes, ms: performance.now() - start, maxRss: process.resourceUsage().maxRSS * 1024 })));
`;

function runChild(args: string[]): string {
  const options = { encoding: 'utf8' as const, cwd: join(__dirname, '..') };
  return execFileSync(process.execPath, ['--import', 'tsx', ...args], options);
}

type Timings = { at: number; ms: number }[];

/** A SQLite store whose `list` calls are timed: the store's share of a turn or a sweep. */
function timedStore(path: string): { store: SqliteRequestStore; lists: Timings } {
  const store = new SqliteRequestStore({ path });
  const lists: Timings = [];
  const list = store.list.bind(store);
  store.list = async (query) => {
    const start = performance.now();
    const found = await list(query);
    lists.push({ at: start, ms: performance.now() - start });
    return found;
  };
  return { store, lists };
}

/** `pending` as an approver, `my requests` as the requester of 30,000: server time, CPU, RSS. */
async function timeListTurns(bot: BotOnStore, lists: Timings): Promise<void> {
  const meter = rssMeter();
  for (const [label, who, text] of [
    ['pending (approver)', BENCH_USERS.approver, 'pending'],
    ['my requests (requester of 30,000)', BENCH_USERS.requester, 'my requests'],
  ] as const) {
    await bot.teams.say(who, text);
    lists.length = 0;
    bot.serverMs.length = 0;
    const turn = () => (bot.connector.clear(), bot.teams.say(who, text));
    const run = await timeSteps(TURNS, turn, meter.sample);
    const card = cardOf(bot.connector.calls[bot.connector.calls.length - 1]);
    const rows = cardText(card).match(/REQ-\d+/g)?.length ?? 0;
    console.log(summary(`${label}: server time a turn`, bot.serverMs));
    console.log(
      summary(
        `  store.list in the turn`,
        lists.map((l) => l.ms),
      ),
    );
    console.log(summary(`  round trip at the client`, run.samples));
    console.log(`  CPU ${run.cpuMs.toFixed(2)} ms a turn (bot, client, connector); ${rows} rows`);
  }
  meter.stop();
  console.log(`peak RSS during the turns: ${mb(meter.peak())} (bot, simulator, connector)`);
}

/** Expires the 1,000 requests that fall due two hours on: per page, and the longest block. */
async function timeExpiry(bot: BotOnStore, clock: ManualClock, lists: Timings): Promise<void> {
  const idle = performance.now();
  await bot.app.services.expiry.sweep();
  console.log(`expiry sweep with nothing due: ${(performance.now() - idle).toFixed(1)} ms`);
  clock.advanceHours(2);
  lists.length = 0;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = performance.now();
  const expired = await bot.app.services.expiry.expireDue();
  const total = performance.now() - start;
  delay.disable();
  const pages = lists.map((l, i) => (lists[i + 1]?.at ?? start + total) - l.at);
  console.log(
    `expiry of a ${expired}-request backlog: ${total.toFixed(0)} ms, ${lists.length} pages`,
  );
  console.log(summary('  one page of 50 (read, then a compare-and-set each)', pages));
  console.log(
    summary(
      '  store.list of a page',
      lists.map((l) => l.ms),
    ),
  );
  console.log(`  longest event-loop block meanwhile: ${(delay.max / 1e6).toFixed(1)} ms`);
  await bot.app.services.tasks.idle();
}

/** Reads the whole audit export through the store, 1,000 records a page. */
async function timeAuditPages(store: SqliteRequestStore): Promise<void> {
  const pages: number[] = [];
  let after: AuditCursor | undefined;
  let records = 0;
  for (let more = true; more;) {
    const start = performance.now();
    const page = await store.auditSince('2000-01-01T00:00:00.000Z', { limit: 1000, after });
    pages.push(performance.now() - start);
    records += page.length;
    more = page.length === 1000;
    after = auditCursorAfter(page, after);
  }
  console.log(summary(`audit export, a page of 1,000 (${records} records)`, pages));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stored-requests-'));
  const path = join(dir, 'requests.db');
  const clock = new ManualClock();
  const seedStart = performance.now();
  const seedArgs = [path, clock.now().toISOString(), String(AUDIT_RECORDS)];
  const seeded = runChild([join(__dirname, 'seed-requests.ts'), ...seedArgs]);
  console.log(`seeded ${seeded} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const { store, lists } = timedStore(path);
  const bot = await startBotOnStore({ store, clock });
  console.log(`RSS after start: ${mb(process.memoryUsage().rss)} (bot, simulator, connector)`);
  try {
    await timeListTurns(bot, lists);
    await timeExpiry(bot, clock, lists);
    await timeAuditPages(store);
    const cli = JSON.parse(runChild(['-e', EXPORT, path])) as Record<string, number>;
    const seconds = ((cli.ms ?? 0) / 1000).toFixed(1);
    console.log(
      `npm run audit, all records (child process, output dropped): ${seconds} s, ${mb(cli.bytes ?? 0)} written, peak RSS ${mb(cli.maxRss ?? 0)}`,
    );
  } finally {
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
