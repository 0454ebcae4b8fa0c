import { WELL_KNOWN } from '../../src/simulator/seed';
import { eventually } from '../support/e2e';
import { graphHarness, type GraphHarness } from '../support/graph-harness';

describe('the app catalog', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
    await h.graph.intune.start();
  });
  afterAll(() => h.close());

  test('it is listed once with $select and then searched in memory without calling Graph', async () => {
    const listing = h.sim.control.requests().filter((r) => r.url.includes('/mobileApps?'));
    expect(listing.length).toBeGreaterThanOrEqual(1);
    expect(listing[0]!.url).toContain('$select=');
    h.sim.control.clearRequests();

    const results = await h.graph.intune.searchApps('zoom');
    expect(results[0]).toMatchObject({
      id: WELL_KNOWN.apps.win32,
      name: 'Zoom Workplace',
      platform: 'Windows',
      appType: 'win32LobApp',
    });
    // No listing: the only calls are the background reads of the shown apps' assignment counts.
    expect(h.sim.control.requests().map((r) => r.url)).not.toContainEqual(
      expect.stringMatching(/\/mobileApps\?/),
    );
    expect(
      h.sim.control.requests().every((r) => /\/mobileApps\/[^/?]+\/assignments/.test(r.url)),
    ).toBe(true);
  });

  test('search results show how many assignments each app has, read once in the background', async () => {
    await h.graph.intune.searchApps('zoom');
    const count = h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.win32)?.length;
    await eventually(async () => {
      const [zoom] = await h.graph.intune.searchApps('zoom workplace');
      return zoom?.assignmentCount === count;
    }, 'the count of the app shown');
    h.sim.control.clearRequests();
    await h.graph.intune.searchApps('zoom workplace');
    expect(h.sim.control.requests()).toEqual([]);
  });

  test('every word of the query must match, names first', async () => {
    const results = await h.graph.intune.searchApps('microsoft 365');
    expect(results.map((r) => r.id)).toContain(WELL_KNOWN.apps.officeSuite);
    expect(results.every((r) => /microsoft/i.test(`${r.name} ${r.publisher}`))).toBe(true);
  });

  test('configuration policies are searchable with their assignment counts', async () => {
    const policy = (await h.graph.intune.searchConfigPolicies('')).find(
      (p) => p.id === WELL_KNOWN.configPolicies.ios,
    );
    expect(policy?.assignmentCount).toBe(
      h.sim.control.tenant().configAssignments.get(WELL_KNOWN.configPolicies.ios)?.length,
    );
    expect(policy?.platform).toBe('iOS/iPadOS');
  });

  test('assignment filters are listed from beta', async () => {
    const filters = await h.graph.intune.listAssignmentFilters();
    expect(filters.map((f) => f.id)).toContain(WELL_KNOWN.filters.windowsCorporate);
  });

  test('a deleted app reads as missing rather than failing', async () => {
    expect(await h.graph.intune.getApp('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });
});

describe('the directory', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.clearRequests());

  test('group search sends $search with ConsistencyLevel: eventual and finds the group', async () => {
    const groups = await h.graph.directory.searchGroups('sales');
    expect(groups.map((g) => g.id)).toContain(WELL_KNOWN.groups.sales);
    const request = h.sim.control.requests()[0]!;
    expect(decodeURIComponent(request.url)).toContain('$search="displayName:sales"');
    expect(request.headers['consistencylevel']).toBe('eventual');
  });

  test('membership is transitive through nested groups', async () => {
    const approvers = [WELL_KNOWN.groups.approvers];
    expect(await h.graph.directory.isMemberOfAny(WELL_KNOWN.users.nestedApprover, approvers)).toBe(
      true,
    );
    expect(await h.graph.directory.isMemberOfAny(WELL_KNOWN.users.approver1, approvers)).toBe(true);
    expect(await h.graph.directory.isMemberOfAny(WELL_KNOWN.users.outsider, approvers)).toBe(false);
  });

  test('a membership answer is cached', async () => {
    h.graph.directory.clearMembershipCache();
    await h.graph.directory.isMemberOfAny(WELL_KNOWN.users.approver2, [
      WELL_KNOWN.groups.approvers,
    ]);
    await h.graph.directory.isMemberOfAny(WELL_KNOWN.users.approver2, [
      WELL_KNOWN.groups.approvers,
    ]);
    expect(
      h.sim.control.requests().filter((r) => r.url.includes('checkMemberGroups')),
    ).toHaveLength(1);
  });

  test('more than twenty groups are checked in batches of twenty', async () => {
    h.graph.directory.clearMembershipCache();
    const many = [
      ...h.sim.control
        .tenant()
        .groups.slice(100, 125)
        .map((g) => g.id),
      WELL_KNOWN.groups.approvers,
    ];
    expect(await h.graph.directory.isMemberOfAny(WELL_KNOWN.users.approver1, many)).toBe(true);
    expect(
      h.sim.control.requests().filter((r) => r.url.includes('checkMemberGroups')),
    ).toHaveLength(2);
  });

  test('users and groups are read by id, and unknown ones read as missing', async () => {
    expect((await h.graph.directory.getUser(WELL_KNOWN.users.requester))?.id).toBe(
      WELL_KNOWN.users.requester,
    );
    expect((await h.graph.directory.getGroup(WELL_KNOWN.groups.sales))?.name).toBe('Sales');
    expect(
      await h.graph.directory.getGroup('00000000-0000-0000-0000-000000000000'),
    ).toBeUndefined();
  });
});
