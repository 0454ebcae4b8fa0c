/**
 * Typeahead over 50,000 apps, measured through the bot: the real entry point in a process of its
 * own (STORAGE=memory), the simulated tenant at bench scale in another, and `application/search`
 * invokes sent as Teams sends them for the app picker's `Data.Query`. Prints the answer to the
 * first keystroke after start, then per query class and overall the server time (arrival to
 * response, inside the bot) p50/p95 and the bot's CPU per search (from /proc), sequentially, and
 * the rate with 8 searches in flight. About a minute.
 */
import { performance } from 'node:perf_hooks';
import { FakeConnector } from '../../test/fakes/fake-connector';
import { BENCH_USERS } from '../bot-on-store';
import { startBenchBot, startBenchTenant, waitForCatalog, type BenchBot } from '../bench-processes';
import { summary } from '../figures';
import { cpuMsOf } from '../process-cpu';

/** A realistic mix: short and long prefixes, many and few matches, none. */
export const QUERY_CLASSES: Record<string, string[]> = {
  'short prefix (m, mi, x, z)': ['m', 'mi', 'x', 'z'],
  'many matches (micro ~8k, soft)': ['micro', 'soft'],
  'long prefix (microsoft te, adobe acr, zoom workp)': ['microsoft te', 'adobe acr', 'zoom workp'],
  'few matches (zoom, notepad++, company portal)': ['zoom', 'notepad++', 'company portal'],
  'no match (qqzx)': ['qqzx'],
};
const ROUNDS = 60;
const CONCURRENT = 8;
const CONCURRENT_MS = 5_000;

const user = BENCH_USERS.requester;

/** `rounds` of `queries` in sequence: server times, and the bot's CPU per search. */
async function timeQueries(bot: BenchBot, queries: readonly string[], rounds: number) {
  bot.takeServerMs();
  const cpu = cpuMsOf(bot.child.pid ?? 0);
  for (let round = 0; round < rounds; round += 1) {
    for (const query of queries) await bot.teams.search(user, 'apps', query);
  }
  const cpuMs = (cpuMsOf(bot.child.pid ?? 0) - cpu) / (rounds * queries.length);
  return { serverMs: bot.takeServerMs(), cpuMs };
}

async function firstKeystroke(bot: BenchBot): Promise<void> {
  const start = performance.now();
  const answer = await bot.teams.search(user, 'apps', 'zoom');
  const ms = performance.now() - start;
  const results = (answer.body as { value?: { results?: { title: string }[] } }).value?.results;
  console.log(
    `first keystroke after start: answered in ${ms.toFixed(0)} ms with ${results?.length ?? 0} result(s), first "${results?.[0]?.title ?? ''}"`,
  );
  console.log(`catalog loaded ${(await waitForCatalog(bot.teams, user)).toFixed(0)} ms later`);
}

/** `CONCURRENT` clients searching the whole mix for `CONCURRENT_MS`: searches a second. */
async function concurrentRate(bot: BenchBot): Promise<void> {
  const queries = Object.values(QUERY_CLASSES).flat();
  bot.takeServerMs();
  const cpu = cpuMsOf(bot.child.pid ?? 0);
  const end = performance.now() + CONCURRENT_MS;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, c) => {
      for (let i = c; performance.now() < end; i += 1) {
        await bot.teams.search(user, 'apps', queries[i % queries.length] ?? '');
        done += 1;
      }
    }),
  );
  const cpuMs = (cpuMsOf(bot.child.pid ?? 0) - cpu) / done;
  console.log(
    summary(
      `${CONCURRENT} in flight: ${((done * 1000) / CONCURRENT_MS).toFixed(0)} searches/s, server time`,
      bot.takeServerMs(),
    ),
  );
  console.log(`  CPU ${cpuMs.toFixed(2)} ms a search`);
}

export async function run(): Promise<void> {
  const tenant = await startBenchTenant();
  const connector = new FakeConnector();
  await connector.start();
  const bot = await startBenchBot(tenant.url, connector.url, { STORAGE: 'memory' }).catch(
    async (error: unknown) => {
      await connector.stop();
      await tenant.close();
      throw error;
    },
  );
  try {
    await firstKeystroke(bot);
    // Twice through the mix: the assignment counts of the apps shown are read once, in the background.
    await timeQueries(bot, Object.values(QUERY_CLASSES).flat(), 2);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const all: number[] = [];
    let cpuTotal = 0;
    for (const [label, queries] of Object.entries(QUERY_CLASSES)) {
      const { serverMs, cpuMs } = await timeQueries(bot, queries, ROUNDS);
      all.push(...serverMs);
      cpuTotal += cpuMs * serverMs.length;
      console.log(
        `${summary(`${label}: server time`, serverMs)}; CPU ${cpuMs.toFixed(2)} ms a search`,
      );
    }
    console.log(
      `${summary('every query, sequential: server time', all)}; CPU ${(cpuTotal / all.length).toFixed(2)} ms a search`,
    );
    await concurrentRate(bot);
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await connector.stop();
    await tenant.close();
  }
}
