import { WELL_KNOWN } from '../../src/simulator/seed';
import { eventually } from '../support/e2e';
import { figure, freeGroups, startPair, verbatim, type Pair } from './two-instances';

const ZOOM = WELL_KNOWN.apps.win32;

describe('two bot instances on one Azure Storage account', () => {
  let p: Pair;
  beforeEach(async () => {
    p = await startPair();
  }, 60_000);
  afterEach(() => p.close(), 30_000);

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
