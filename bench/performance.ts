/**
 * Benchmark: the performance figures of the product in one run, part after part (each part is a
 * module in `bench/perf/` exporting `run(): Promise<void>` that prints its figures):
 *
 * - `typeahead`: search p50/p95 and CPU per search over 50,000 apps;
 * - `round-trips`: Graph calls and round trips per assignment;
 * - `approval-cost`: the CPU of one approval, and the Approve invoke's latency in a burst of 200;
 * - `approval-floor`: the CPU the same exchanges cost a bare botbuilder + restify bot with none of
 *   the product's work (the floor under `approval-cost`);
 * - `write-budget`: 1,000 approvals across 10 apps against Intune's write limits (duration, 429s
 *   seen, losses);
 * - `memory`: the bot's RSS idle and at its peak under load, with 50,000 apps and 100,000 stored
 *   requests;
 * - `slack`: every Slack answer's round trip against Slack's 3 s (typeahead, modal steps, Approve)
 *   and the time from Approve to the "done" reply.
 *
 *   npx tsx bench/performance.ts             # every part
 *   npx tsx bench/performance.ts typeahead   # some parts, by name
 */
import os from 'node:os';

const PARTS = [
  'typeahead',
  'round-trips',
  'approval-cost',
  'approval-floor',
  'write-budget',
  'memory',
  'slack',
] as const;

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(PARTS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown part(s): ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 1e9).toFixed(1)} GB, Node ${process.version}`,
  );
  for (const name of asked.length > 0 ? asked : PARTS) {
    console.log(`\n## ${name}`);
    const part = (await import(`./perf/${name}`)) as { run: () => Promise<void> };
    await part.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
