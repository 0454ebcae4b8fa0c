/**
 * Benchmark: an approval burst on two instances. Two real bot processes (the real entry point,
 * `STORAGE=azure`, started as `test/instances/two-instances.ts` starts them, with the production
 * timings) share one Azurite and one simulated tenant. 200 pending requests across 10 apps (20
 * each, distinct groups; nine of the apps have assignments to keep) are approved at once, half on
 * each instance. Prints the time until every request is assigned, the
 * writes Intune received, the most write attempts in any 20 s, and, per app, whether every
 * requested group is there and every earlier assignment kept verbatim. Exits non-zero if any
 * request did not end assigned, anything was lost, or more than GRAPH_WRITES_PER_20S (100)
 * attempts fell in one 20 s window. Takes about a minute.
 *
 *   npx tsx bench/approval-burst.ts
 */
import { performance } from 'node:perf_hooks';
import type { AssignmentRequest } from '../src/domain/request';
import { WELL_KNOWN } from '../src/simulator/seed';
import { pooled, startPair, verbatim, type Pair } from '../test/instances/two-instances';
import {
  BURST_APPS as APPS,
  endedPerInstance,
  fenceWaits,
  maxInWindow,
  placeToArrival,
  PRODUCTION_TIMINGS,
  watchRatePlaces,
} from './burst-records';

const PER_APP = 20;
const LIMIT = 100;
const WINDOW_MS = 20_000;
const DEADLINE_MS = 5 * 60_000;

const groupOf = (a: object) =>
  String(((a as { target?: { groupId?: string } }).target ?? {}).groupId ?? '');

/** 200 groups none of the apps is assigned to, 20 for each app. */
function groupsFor(p: Pair): Map<string, { id: string; name: string }[]> {
  const tenant = p.sim.control.tenant();
  const used = new Set(APPS.flatMap((app) => (tenant.appAssignments.get(app) ?? []).map(groupOf)));
  used.add(WELL_KNOWN.groups.approvers);
  const free = tenant.groups.filter((g) => !used.has(g.id));
  return new Map(
    APPS.map((app, i) => [
      app,
      free
        .slice(i * PER_APP, (i + 1) * PER_APP)
        .map((g) => ({ id: g.id, name: String(g.displayName) })),
    ]),
  );
}

/** Waits until every request has ended (assigned or failed, from both logs), or the deadline. */
async function waitForEnds(p: Pair, ids: Set<string>, started: number): Promise<number> {
  let lastReport = started;
  for (;;) {
    const ended = endedPerInstance(p).all;
    if ([...ids].every((id) => ended.has(id))) return performance.now() - started;
    if (performance.now() - started > DEADLINE_MS) return NaN;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const s = ((lastReport - started) / 1000).toFixed(0);
      console.log(`  ${s} s: ${ended.size} ended, ${p.sim.control.writes().length} writes`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Per app: every requested group there, every earlier assignment kept verbatim, nothing else. */
function checkApps(p: Pair, before: Map<string, string[]>, requests: AssignmentRequest[]): number {
  let lost = 0;
  for (const app of APPS) {
    const after = p.sim.control.tenant().appAssignments.get(app) ?? [];
    const kept = before.get(app) ?? [];
    const groups = new Set(after.map(groupOf));
    const wanted = requests.filter((r) => r.item?.id === app).map((r) => groupOf(r));
    const missing = wanted.filter((g) => !groups.has(g)).length;
    const dropped = kept.filter((k) => !after.map(verbatim).includes(k)).length;
    const extra = after.length - kept.length - wanted.length;
    const ok = missing === 0 && dropped === 0 && extra === 0;
    if (!ok) lost += 1;
    console.log(
      `  ${app}: ${wanted.length - missing}/${wanted.length} groups in, ${kept.length - dropped}/${kept.length} earlier kept verbatim, ${after.length} in all${ok ? '' : `  LOST (${missing} missing, ${dropped} dropped, ${extra} extra)`}`,
    );
  }
  return lost;
}

/** 20 pending requests for each app, and each app's assignments as they were before. */
async function seed(p: Pair) {
  const tenant = p.sim.control.tenant();
  const before = new Map(
    APPS.map((app) => [app, (tenant.appAssignments.get(app) ?? []).map(verbatim)]),
  );
  const groups = groupsFor(p);
  const seeds = APPS.flatMap((app) =>
    (groups.get(app) ?? []).map((g) => () => p.pending(g.id, g.name, app)),
  );
  return { requests: await pooled(seeds, 8), before };
}

/** Every request's status in the store, counted; how many ended assigned. */
async function reportRequests(p: Pair, requests: AssignmentRequest[], totalMs: number) {
  const statuses = new Map<string, number>();
  for (const r of requests) {
    const status = String(await p.statusOf(r));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  console.log(
    Number.isNaN(totalMs)
      ? `NOT every request ended within ${DEADLINE_MS / 60_000} min`
      : `every request ended ${(totalMs / 1000).toFixed(1)} s after the clicks`,
  );
  console.log(`requests: ${JSON.stringify(Object.fromEntries(statuses))}`);
  return statuses.get('assigned') ?? 0;
}

/** The assign calls Intune received, the most of them in any 20 s, and their places' lead. */
function reportWrites(p: Pair, startedAt: number, places: number[]): number {
  const writes = p.sim.control.writes();
  const byStatus = new Map<number, number>();
  for (const w of writes) byStatus.set(w.status, (byStatus.get(w.status) ?? 0) + 1);
  const window = maxInWindow(
    writes.map((w) => Date.parse(w.at)),
    WINDOW_MS,
  );
  console.log(
    `write attempts Intune received: ${writes.length} (by status ${JSON.stringify(Object.fromEntries(byStatus))}); applied ${byStatus.get(204) ?? 0}`,
  );
  console.log(
    `most attempts in any 20 s: ${window.count} (limit ${LIMIT}), in the window from ${((window.from - startedAt) / 1000).toFixed(1)} s; ${fenceWaits(p)} waits for another write's fence logged`,
  );
  const lead = placeToArrival(
    places,
    writes.map((w) => Date.parse(w.at)),
  );
  console.log(
    `${places.length} places taken in the shared write rate (21 s window); from a place to Intune receiving its write: p50 ${lead.p50} ms, longest at least ${lead.max} ms`,
  );
  return window.count;
}

/** Which instance ended each request, from their logs (request `i` was clicked on A if even). */
function reportInstances(p: Pair, requests: AssignmentRequest[]): void {
  const ended = endedPerInstance(p);
  const clickedOn = (i: number) => (i % 2 === 0 ? ended.a : ended.b);
  const elsewhere = requests.filter((r, i) => !clickedOn(i).has(r.id)).length;
  console.log(
    `per instance (from its logs): A ended ${ended.a.size}, B ended ${ended.b.size}; ${elsewhere} ended on the instance not clicked`,
  );
}

async function main(): Promise<void> {
  const setup = performance.now();
  const p = await startPair(PRODUCTION_TIMINGS);
  try {
    const { requests, before } = await seed(p);
    console.log(
      `two instances, Azurite and the tenant started, ${requests.length} pending requests across ${APPS.length} apps seeded in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
    );
    p.sim.control.clearWrites();
    const rate = watchRatePlaces(p.azurite.connectionString);
    const [started, startedAt] = [performance.now(), Date.now()];
    const answers = await Promise.all(
      requests.map((r, i) => p.approve(i % 2 === 0 ? p.a : p.b, r)),
    );
    const refused = answers.filter((a) => a.status !== 200).length;
    console.log(
      `${answers.length} Approve clicks at once, half on each instance: all answered in ${(performance.now() - started).toFixed(0)} ms, ${refused} not 200`,
    );
    const totalMs = await waitForEnds(p, new Set(requests.map((r) => r.id)), started);
    const places = await rate.stop();
    const assigned = await reportRequests(p, requests, totalMs);
    const most = reportWrites(p, startedAt, places);
    console.log('per app:');
    const lost = checkApps(p, before, requests);
    reportInstances(p, requests);
    const failures = [
      refused > 0 && `${refused} clicks not answered 200`,
      assigned !== requests.length && `${requests.length - assigned} requests not assigned`,
      lost > 0 && `${lost} apps lost or gained assignments`,
      most > LIMIT && `${most} attempts in 20 s, over ${LIMIT}`,
    ].filter(Boolean);
    console.log(
      failures.length === 0 ? 'OK: nothing lost, limit kept' : `FAILED: ${failures.join('; ')}`,
    );
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await p.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
