/**
 * Benchmark: the bot's own turns over real HTTP (restify + CloudAdapter + the simulated tenant +
 * a fake Bot Connector), sequentially, to show per-turn latency: a typed command answered with a
 * card, a wizard step answered as an invoke, and a typeahead search. Prints figures; asserts
 * nothing. Compare with ENVIRONMENT.md's floors (a bare echo bot ~1.2k turns/s; an invoke answered
 * with a 3 KB card ~850/s).
 *
 *   npx tsx bench/turns.ts
 */
import { performance } from 'node:perf_hooks';
import { botHarness } from '../test/support/bot-harness';
import { actionsOf, cardOf } from '../test/support/bot-harness';

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const total = samples.reduce((a, b) => a + b, 0);
  return `${label}: n=${samples.length} p50=${at(0.5).toFixed(2)} ms p95=${at(0.95).toFixed(2)} ms (${((samples.length / total) * 1000).toFixed(0)} turns/s sequential)`;
}

async function time(n: number, turn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    await turn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main(): Promise<void> {
  const h = await botHarness({ env: { LOG_LEVEL: 'warn' } });
  const user = h.users.requester;
  await h.teams.say(user, 'help');
  console.log(
    summary('typed command -> help card', await time(300, () => h.teams.say(user, 'help'))),
  );

  await h.teams.say(user, 'assign');
  const wizard = [...h.connector.calls].reverse().find((c) => cardOf(c));
  const requestId = actionsOf(cardOf(wizard)).find((a) => a.verb === 'wizard.kind')?.data
    ?.requestId;
  const back = { requestId };
  // Kind then Back: two invokes that each store the draft and answer with the wizard card.
  const steps = await time(300, async () => {
    await h.teams.execute(user, 'wizard.kind', { ...back, kind: 'app' });
    await h.teams.execute(user, 'wizard.back', back);
  });
  console.log(summary('wizard step invoke (store + card), two per sample', steps));
  console.log(
    summary(
      'typeahead search invoke over 320 apps',
      await time(300, () => h.teams.search(user, 'apps', 'zo')),
    ),
  );
  console.log(
    `process RSS: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (bot, simulator and connector in one process)`,
  );
  await h.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
