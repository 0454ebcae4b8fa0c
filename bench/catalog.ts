/**
 * Benchmark: the app catalog at tenant scale. Seeds the simulated tenant with BENCH_SCALE (50,000
 * apps, 200,000 groups), loads the catalog through the real Graph layer, then measures in-memory
 * search latency per keystroke and group search through Graph. Prints figures; asserts nothing.
 *
 *   npx tsx bench/catalog.ts
 */
import { performance } from 'node:perf_hooks';
import { createGraph } from '../src/graph';
import { createLogger } from '../src/logger';
import { BENCH_SCALE, createTenant } from '../src/simulator/seed';
import { startSimulator } from '../src/simulator/server';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(2);
  return `${label}: n=${samples.length} p50=${fmt(percentile(sorted, 50))} ms p95=${fmt(percentile(sorted, 95))} ms max=${fmt(sorted.at(-1) ?? NaN)} ms`;
}

async function main(): Promise<void> {
  let t = performance.now();
  const tenant = createTenant(BENCH_SCALE);
  console.log(
    `seed: ${tenant.apps.length} apps, ${tenant.groups.length} groups in ${(performance.now() - t).toFixed(0)} ms`,
  );
  const sim = await startSimulator({ tenant, port: 0 });
  const graph = createGraph(
    {
      GRAPH_BASE_URL: sim.url,
      GRAPH_INTUNE_VERSION: 'beta',
      GRAPH_RETRY_MAX_SECONDS: 60,
      GRAPH_RETRY_BASE_DELAY_MS: 1000,
      GRAPH_ATTEMPT_TIMEOUT_MS: 30_000,
      CATALOG_REFRESH_MINUTES: 60,
      MEMBERSHIP_CACHE_SECONDS: 300,
      AZURE_TENANT_ID: undefined,
      AZURE_CLIENT_ID: undefined,
      AZURE_CLIENT_SECRET: undefined,
      AZURE_CLIENT_CERTIFICATE_PATH: undefined,
      AZURE_CLIENT_CERTIFICATE_PASSWORD: undefined,
    },
    createLogger({ level: 'silent' }),
  );
  t = performance.now();
  await graph.intune.start();
  console.log(
    `catalog load through Graph (paged, $select): ${(performance.now() - t).toFixed(0)} ms, ${graph.intune.reader.apps.size} apps`,
  );
  const rssMb = process.memoryUsage().rss / 1e6;
  console.log(`process RSS after load (simulator and bot in one process): ${rssMb.toFixed(0)} MB`);

  const queries = [
    'z',
    'zo',
    'zoo',
    'zoom',
    'ad',
    'adobe',
    'adobe acr',
    'micro',
    'microsoft te',
    'chrome',
    'x',
    'contoso exp',
  ];
  const samples: number[] = [];
  for (let round = 0; round < 20; round += 1) {
    for (const q of queries) {
      const s = performance.now();
      await graph.intune.searchApps(q, 25);
      samples.push(performance.now() - s);
    }
  }
  console.log(summary('app search per keystroke (in memory)', samples));

  const groupSamples: number[] = [];
  for (const q of ['sales', 'finance emea', 'pilot', 'contractors', 'marketing']) {
    const s = performance.now();
    await graph.directory.searchGroups(q, 25);
    groupSamples.push(performance.now() - s);
  }
  console.log(summary('group $search through Graph (simulator, 200k groups)', groupSamples));
  graph.intune.stop();
  await sim.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
