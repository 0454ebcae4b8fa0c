/**
 * Graph calls and round trips per assignment. The use cases (over the memory store and a recording
 * notifier, as the service tests run them) and the real Graph layer on the simulated tenant approve
 * requests of each kind of item (an app, a managed-device and a managed-app configuration policy),
 * with beta and with v1.0 writes. For each approval, from the Approve click until the assignment
 * ended, it counts what left the bot for Graph: HTTP requests (a `$batch` counts once), Graph calls
 * (the requests inside a batch counted one by one, as Graph counts them) and round-trip times
 * (requests in flight together count once). The approver check (`checkMemberGroups`, cached for a
 * few minutes per approver) is counted apart: only the first approval of a run pays it. Takes
 * about 10 s.
 *
 *   npx tsx bench/performance.ts round-trips
 */
import type { ItemKind } from '../../src/domain/request';
import type { IntuneVersion } from '../../src/services/ports/intune';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { AssignmentRequest } from '../../src/domain/request';
import { createWorld, PEOPLE, value, type World } from '../../test/services/support';
import { graphHarness, type GraphHarness } from '../../test/support/graph-harness';

const APPROVALS = 5;

const ITEMS: { kind: ItemKind; id: string; label: string }[] = [
  { kind: 'app', id: WELL_KNOWN.apps.win32Unassigned, label: 'app (Win32)' },
  { kind: 'configPolicy', id: WELL_KNOWN.configPolicies.ios, label: 'managed-device config' },
  { kind: 'managedAppConfig', id: WELL_KNOWN.managedAppConfigs.teams, label: 'managed-app config' },
];

/** Counts Graph round trips: `fetch` calls, and stretches of time with at least one in flight. */
function watchFetch(): { calls: () => number; roundTrips: () => number } {
  const original = globalThis.fetch;
  let calls = 0;
  let inFlight = 0;
  let waves = 0;
  globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
    calls += 1;
    inFlight += 1;
    if (inFlight === 1) waves += 1;
    try {
      return await original(...args);
    } finally {
      inFlight -= 1;
    }
  };
  return { calls: () => calls, roundTrips: () => waves };
}

/** Groups of the tenant with no assignment of the item and no part in who may approve. */
function freeGroups(h: GraphHarness, count: number): { id: string; name: string }[] {
  const tenant = h.sim.control.tenant();
  const used = new Set<string>(Object.values(WELL_KNOWN.groups));
  return tenant.groups
    .filter((g) => !used.has(g.id))
    .slice(200, 200 + count)
    .map((g) => ({ id: g.id, name: String(g.displayName) }));
}

/** Walks the wizard as a requester does (a managed-app policy has no intent step) and submits. */
async function submit(
  world: World,
  item: (typeof ITEMS)[number],
  groupId: string,
): Promise<AssignmentRequest> {
  const { wizard } = world.services;
  const who = PEOPLE.requester;
  const draft = value(await wizard.startDraft(who));
  value(await wizard.chooseKind(draft.id, who, item.kind));
  value(await wizard.chooseItem(draft.id, who, item.id));
  value(await wizard.chooseTarget(draft.id, who, { type: 'group', groupId }));
  if (item.kind !== 'managedAppConfig') {
    const intent = item.kind === 'app' ? { intent: 'required' as const } : {};
    value(await wizard.chooseIntent(draft.id, who, intent));
  }
  value(await wizard.setJustification(draft.id, who, 'Round-trip benchmark'));
  return value(await wizard.submit(draft.id, who));
}

interface Tally {
  requests: number;
  calls: number;
  roundTrips: number;
  approverChecks: number;
  writes: number;
}

async function approveOne(
  world: World,
  h: GraphHarness,
  requestId: string,
  fetches: ReturnType<typeof watchFetch>,
): Promise<Tally> {
  h.sim.control.clearRequests();
  const [calls0, waves0] = [fetches.calls(), fetches.roundTrips()];
  const approved = await world.services.decisions.approve(requestId, PEOPLE.approver);
  if (!approved.ok) throw new Error(`approve refused: ${approved.error.message}`);
  await world.tasks.idle();
  const request = await world.store.get(requestId);
  if (request?.status !== 'assigned') {
    throw new Error(`request ended ${request?.status}: ${JSON.stringify(request?.outcome)}`);
  }
  const log = h.sim.control.requests();
  const topLevel = log.filter((r) => r.batch === undefined);
  const checks = log.filter((r) => /\/checkMemberGroups$/i.test(r.url)).length;
  const inner = log.filter((r) => r.batch !== undefined).length;
  const batches = topLevel.filter((r) => /\/\$batch$/i.test(r.url)).length;
  return {
    requests: fetches.calls() - calls0 - checks,
    calls: topLevel.length - batches + inner - checks,
    roundTrips: fetches.roundTrips() - waves0 - checks,
    approverChecks: checks,
    writes: log.filter((r) => r.method === 'POST' && /\/assign$/i.test(r.url.split('?')[0] ?? ''))
      .length,
  };
}

async function measure(version: IntuneVersion, fetches: ReturnType<typeof watchFetch>) {
  const h = await graphHarness({ version });
  const rows: string[] = [];
  let approverChecks = 0;
  try {
    const world = createWorld(h);
    const groups = freeGroups(h, APPROVALS * ITEMS.length);
    for (const [k, item] of ITEMS.entries()) {
      const pending = [];
      for (let i = 0; i < APPROVALS; i += 1) {
        pending.push(await submit(world, item, groups[k * APPROVALS + i]!.id));
      }
      const tallies: Tally[] = [];
      for (const request of pending) tallies.push(await approveOne(world, h, request.id, fetches));
      approverChecks += tallies.reduce((n, t) => n + t.approverChecks, 0);
      const mean = (key: keyof Tally) =>
        (tallies.reduce((n, t) => n + t[key], 0) / tallies.length).toFixed(1);
      rows.push(
        `  ${version.padEnd(4)}  ${item.label.padEnd(22)} ${mean('requests').padStart(5)} HTTP requests  ${mean('calls').padStart(5)} Graph calls  ${mean('roundTrips').padStart(5)} round-trip times  (${mean('writes')} write)`,
      );
    }
    await world.tasks.shutdown();
  } finally {
    await h.close();
  }
  return { rows, approverChecks, approvals: APPROVALS * ITEMS.length };
}

export async function run(): Promise<void> {
  const fetches = watchFetch();
  console.log(
    `per assignment (mean of ${APPROVALS} approvals of each item; the approver check counted apart):`,
  );
  for (const version of ['beta', 'v1.0'] as const) {
    const { rows, approverChecks, approvals } = await measure(version, fetches);
    for (const row of rows) console.log(row);
    console.log(
      `  ${version.padEnd(4)}  approver check: ${approverChecks} checkMemberGroups call(s) in ${approvals} approvals by one approver (cached); notifications: 0 Graph calls (Bot Connector only)`,
    );
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
