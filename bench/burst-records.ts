import { TableClient, TableServiceClient } from '@azure/data-tables';
import { WELL_KNOWN } from '../src/simulator/seed';
import type { Pair } from '../test/instances/two-instances';
import type { BotProcess } from '../test/support/bot-process';

const A = WELL_KNOWN.apps;

/**
 * Published, none in a policy set: Notepad++ has no assignments, Zoom four (filters, an
 * exclusion, All users, All devices), the others one each, all of which must be kept.
 */
export const BURST_APPS = [
  A.win32,
  A.win32Unassigned,
  A.iosVpp,
  A.iosStore,
  A.androidManagedStore,
  A.webApp,
  A.winGet,
  A.officeSuite,
  A.macOSLob,
  A.storeForBusiness,
];

/**
 * The production defaults of what `startPair` shortens for tests, so the burst runs the bot as
 * it is deployed: Graph's retry pace and attempt timeout, how long a write may land, the lease
 * duration, and how often each instance sweeps for work another left.
 */
export const PRODUCTION_TIMINGS: Record<string, string> = {
  AZURE_LEASE_SECONDS: '30',
  GRAPH_RETRY_BASE_DELAY_MS: '1000',
  GRAPH_ATTEMPT_TIMEOUT_MS: '30000',
  GRAPH_WRITE_LIFETIME_MS: '120000',
  BACKGROUND_SWEEP_SECONDS: '60',
  MAA_POLL_SECONDS: '60',
};

/** The most of `times` (epoch ms) in any window of `windowMs`, and where that window starts. */
export function maxInWindow(times: readonly number[], windowMs: number) {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, from: NaN };
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j += 1;
    if (j - i > best.count) best = { count: j - i, from: sorted[i]! };
  }
  return best;
}

/** The requests a bot process logged as ended (assigned or failed), by id. */
function endedBy(bot: BotProcess): Set<string> {
  const ended = new Set<string>();
  for (const line of bot.lines) {
    if (!line.includes('assignment attempt ended')) continue;
    const entry = JSON.parse(line) as { requestId?: string; status?: string };
    if (entry.requestId && (entry.status === 'assigned' || entry.status === 'failed')) {
      ended.add(entry.requestId);
    }
  }
  return ended;
}

/** What each instance of the pair ended, from its own logs, and both together. */
export function endedPerInstance(p: Pair) {
  const a = endedBy(p.a.bot);
  const b = endedBy(p.b.bot);
  return { a, b, all: new Set([...a, ...b]) };
}

/** How often the instances logged a wait for another write's fence (one that may still land). */
export function fenceWaits(p: Pair): number {
  const waits = (bot: BotProcess) =>
    bot.lines.filter((line) => line.includes('can no longer land')).length;
  return waits(p.a.bot) + waits(p.b.bot);
}

/**
 * Every place taken in the instances' shared write rate (the table entity `rate/intune-writes`,
 * whose log keeps the last 21 s of them), read every 250 ms while the burst runs.
 */
export function watchRatePlaces(connectionString: string) {
  const options = { allowInsecureConnection: true };
  const places = new Map<number, number>();
  let table: TableClient | undefined;
  const read = async () => {
    if (!table) {
      const service = TableServiceClient.fromConnectionString(connectionString, options);
      for await (const t of service.listTables()) {
        table = TableClient.fromConnectionString(connectionString, String(t.name), options);
      }
    }
    const entity = await table?.getEntity<{ log: string }>('rate', 'intune-writes');
    const counts = new Map<number, number>();
    for (const at of JSON.parse(entity?.log ?? '[]') as number[]) {
      counts.set(at, (counts.get(at) ?? 0) + 1);
    }
    for (const [at, n] of counts) places.set(at, Math.max(n, places.get(at) ?? 0));
  };
  const timer = setInterval(() => void read().catch(() => undefined), 250);
  return {
    /** Stops watching; the places seen, epoch ms, in order. */
    async stop(): Promise<number[]> {
      clearInterval(timer);
      await read().catch(() => undefined);
      return [...places].flatMap(([at, n]) => Array<number>(n).fill(at)).sort((a, b) => a - b);
    },
  };
}

/**
 * From each place taken to its write reaching Intune, matched in order (the i-th place with the
 * i-th write received); in-order matching gives the smallest possible longest gap, so the real
 * longest is at least `max`.
 */
export function placeToArrival(places: readonly number[], arrivals: readonly number[]) {
  const sorted = [...arrivals].sort((a, b) => a - b);
  // A place whose attempt never left (the run stopped waiting, say) has no arrival to pair with.
  const gaps = places
    .slice(0, sorted.length)
    .map((at, i) => sorted[i]! - at)
    .sort((a, b) => a - b);
  return { p50: gaps[Math.floor(gaps.length / 2)] ?? NaN, max: gaps.at(-1) ?? NaN };
}
