/**
 * Benchmark: an approval burst on two instances (see `runBurst`): 200 pending requests across 10
 * apps (20 each, distinct groups; nine of the apps have assignments to keep), approved half on
 * each instance, against the simulated tenant keeping Intune's limits. Exits non-zero if any
 * request did not end assigned, anything was lost, any request was answered 429, or more than
 * GRAPH_WRITES_PER_20S (100) attempts fell in one 20 s window. Takes about a minute and a half.
 * `bench/perf/write-budget.ts` runs the same with 1,000.
 *
 *   npx tsx bench/approval-burst.ts
 */
import { runBurst } from './burst-run';

runBurst(20).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
