import type { Pair } from '../test/instances/two-instances';
import type { BotProcess } from '../test/support/bot-process';

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
