import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import type { BotHarness } from '../support/bot-harness';
import { eventually } from '../support/e2e';
import { walkWizard, ZOOM_TO_SALES } from '../support/walk';
import { APPROVER, REQUESTER, startPair, type Pair } from './two-instances';

const APP = WELL_KNOWN.apps.win32Unassigned;
const ZOOM = WELL_KNOWN.apps.win32;

/** Prints a figure line the suite shows (jest keeps test output otherwise quiet). */
const figure = (line: string) => process.stdout.write(`  [two instances] ${line}\n`);

/** Groups the app has no assignment for, by id and name. */
function freeGroups(p: Pair, appId: string, count: number): { id: string; name: string }[] {
  const used = new Set(p.groupsOf(appId));
  return p.sim.control
    .tenant()
    .groups.filter((g) => !used.has(g.id) && g.id !== WELL_KNOWN.groups.approvers)
    .slice(0, count)
    .map((g) => ({ id: g.id, name: String(g.displayName) }));
}

/** Runs `tasks` with at most `limit` at once. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const READ_ONLY = new Set(['id', 'source', 'sourceId']);
const verbatim = (a: GraphObject) =>
  JSON.stringify(Object.fromEntries(Object.entries(a).filter(([k]) => !READ_ONLY.has(k))));

describe('two bot instances on one Azure Storage account', () => {
  let p: Pair;
  beforeEach(async () => {
    p = await startPair();
  }, 60_000);
  afterEach(() => p.close(), 30_000);

  test('a person met by one instance is known to the other: the approver who spoke to B gets the request posted through A', async () => {
    await p.b.teams.say(APPROVER, 'help');
    const harness = { teams: p.a.teams, connector: p.connector } as unknown as BotHarness;
    await walkWizard(harness, REQUESTER, ZOOM_TO_SALES);

    const toApprover = `a:personal-${APPROVER.mri}`;
    await eventually(
      () =>
        p.connector.allCalls().some((c) => c.conversationId === toApprover && c.body.attachments),
      'the approver’s direct message',
    );
    expect(new Set(p.connector.allCalls().map((c) => c.conversationId))).toContain(toApprover);
  });

  test('1,000 duplicate Approve clicks spread over both instances give exactly one write per request', async () => {
    const groups = freeGroups(p, APP, 20);
    const requests = await Promise.all(groups.map((g) => p.pending(g.id, g.name)));
    const clicks = requests.flatMap((r) =>
      Array.from({ length: 50 }, (_, i) => () => p.approve(i % 2 === 0 ? p.a : p.b, r)),
    );
    const started = Date.now();
    const answers = await pooled(clicks, 40);
    const clickMs = Date.now() - started;
    for (const r of requests)
      await eventually(async () => (await p.statusOf(r)) === 'assigned', r.id, 60_000);
    const doneMs = Date.now() - started;

    const statuses = answers.reduce<Record<number, number>>(
      (n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }),
      {},
    );
    figure(
      `1,000 clicks answered in ${clickMs} ms (${Math.round(1000 / (clickMs / 1000))}/s), statuses ${JSON.stringify(statuses)}; 20 requests assigned after ${doneMs} ms`,
    );
    expect(statuses).toEqual({ 200: 1000 });
    const applied = p.sim.control.writes().filter((w) => w.status === 204);
    figure(`writes to Intune: ${applied.length} applied, ${p.sim.control.writes().length} sent`);
    expect(applied).toHaveLength(20);
    expect(p.groupsOf(APP)).toEqual(groups.map((g) => g.id).sort());
  }, 120_000);

  test('20 races of two requests for one app, approved on different instances at once, lose nothing', async () => {
    const before = p.sim.control.tenant().appAssignments.get(ZOOM)!.map(verbatim);
    expect(before.length).toBeGreaterThanOrEqual(4);
    const groups = freeGroups(p, ZOOM, 40);
    const started = Date.now();
    for (let round = 0; round < 20; round += 1) {
      const [g1, g2] = [groups[2 * round]!, groups[2 * round + 1]!];
      const [r1, r2] = await Promise.all([
        p.pending(g1.id, g1.name, ZOOM),
        p.pending(g2.id, g2.name, ZOOM),
      ]);
      await Promise.all([p.approve(p.a, r1), p.approve(p.b, r2)]);
      for (const r of [r1, r2]) {
        await eventually(async () => (await p.statusOf(r)) === 'assigned', r.id, 30_000);
      }
    }
    figure(`20 races (40 requests, one app, two instances) done in ${Date.now() - started} ms`);

    const after = p.sim.control.tenant().appAssignments.get(ZOOM)!;
    for (const kept of before) expect(after.map(verbatim)).toContain(kept);
    const groupIds = after.map((a) => (a.target as { groupId?: string }).groupId);
    for (const g of groups) expect(groupIds).toContain(g.id);
    expect(after).toHaveLength(before.length + 40);
  }, 180_000);
});
