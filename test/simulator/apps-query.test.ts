import { TINY } from '../fixtures/tiny-tenant';
import { type Answer, appPath, get, pluck, useTinySimulator } from './sim-client';

const sim = useTinySimulator({ resetEachTest: false });

const APPS = '/beta/deviceAppManagement/mobileApps';
const q = (query: string) => `${APPS}?${query}`;
const f = (filter: string) => q(`$filter=${encodeURIComponent(filter)}`);

describe('listing mobile apps', () => {
  it('pages through every app with an absolute @odata.nextLink that keeps the query', async () => {
    const pages: Answer[] = [await get(sim(), q('$top=4&$select=displayName'))];
    for (let next = pages[0]?.body['@odata.nextLink']; typeof next === 'string';) {
      expect(next.startsWith(`${sim().url}/beta/deviceAppManagement/mobileApps?`)).toBe(true);
      expect(next).toContain('$select=displayName');
      expect(next).toContain('$skiptoken=');
      const page = await get(sim(), next);
      pages.push(page);
      next = page.body['@odata.nextLink'];
    }
    expect(pages.map((p) => p.body.value?.length)).toEqual([4, 4, 1]);
    const ids = pages.flatMap((p) => pluck(p, 'id'));
    expect(new Set(ids).size).toBe(9);
    expect(pages[0]?.body['@odata.context']).toBe(
      `${sim().url}/beta/$metadata#deviceAppManagement/mobileApps(displayName)`,
    );
  });

  it('keeps id and @odata.type under $select and drops the rest', async () => {
    const res = await get(sim(), q('$select=displayName&$top=1'));
    expect(res.body.value?.[0]).toEqual({
      '@odata.type': '#microsoft.graph.win32LobApp',
      id: TINY.apps.win32,
      displayName: 'Contoso VPN',
    });
  });

  it('refuses $select of a property mobileApp does not have', async () => {
    const res = await get(sim(), q('$select=displayName,fooBar'));
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/fooBar/);
  });

  it('filters with startswith case-insensitively', async () => {
    const res = await get(sim(), f("startswith(displayName,'contoso')"));
    expect(pluck(res, 'displayName')).toEqual(['Contoso VPN', 'Contoso Intranet']);
  });

  it('filters with eq on publishingState and on displayName', async () => {
    const unpublished = await get(sim(), f("publishingState eq 'notPublished'"));
    expect(pluck(unpublished, 'id')).toEqual([TINY.apps.unpublished]);
    const byName = await get(sim(), f("displayName eq 'Slack for iOS'"));
    expect(pluck(byName, 'id')).toEqual([TINY.apps.iosStore]);
  });

  it('combines filters with and, or and parentheses', async () => {
    const both = await get(
      sim(),
      f(
        "isof('microsoft.graph.win32LobApp') and (startswith(displayName,'Legacy') or startswith(displayName,'Adobe'))",
      ),
    );
    expect(pluck(both, 'displayName')).toEqual(['Adobe Acrobat Reader', 'Legacy Tool']);
  });

  it('filters by type with isof, including abstract base types', async () => {
    const win32 = await get(sim(), f("isof('microsoft.graph.win32LobApp')"));
    expect(pluck(win32, 'id')).toEqual([
      TINY.apps.win32,
      TINY.apps.policySet,
      TINY.apps.unpublished,
    ]);
    const lob = await get(sim(), f("isof('microsoft.graph.mobileLobApp')"));
    expect(lob.body.value).toHaveLength(3);
    const unknown = await get(sim(), f("isof('microsoft.graph.noSuchApp')"));
    expect(unknown.status).toBe(400);
  });

  it('refuses an unsupported $filter with a 400 naming what is unsupported', async () => {
    const fn = await get(sim(), f("contains(displayName,'VPN')"));
    expect(fn.status).toBe(400);
    expect(fn.body.error?.code).toBe('BadRequest');
    expect(fn.body.error?.message).toMatch(/contains/);
    const op = await get(sim(), f("displayName ne 'x'"));
    expect(op.body.error?.message).toMatch(/operator 'ne'/);
    const prop = await get(sim(), f("colour eq 'red'"));
    expect(prop.body.error?.message).toMatch(/colour/);
    expect((await get(sim(), f("startswith(displayName,'x'"))).status).toBe(400);
  });

  it('sorts with $orderby=displayName, ascending or descending', async () => {
    const asc = pluck(
      await get(sim(), q('$orderby=displayName&$select=displayName')),
      'displayName',
    );
    expect(asc).toEqual([...asc].sort((a, b) => String(a).localeCompare(String(b))));
    const desc = pluck(await get(sim(), q('$orderby=displayName desc')), 'displayName');
    expect(desc).toEqual([...asc].reverse());
  });

  it('counts with $count=true and limits $top to 999', async () => {
    const counted = await get(sim(), q('$count=true&$top=2'));
    expect(counted.body['@odata.count']).toBe(9);
    const tooMany = await get(sim(), q('$top=1000'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.message).toMatch(/between 1 and 999/);
  });

  it('refuses $expand=assignments on the list (deprecated by Microsoft) and unknown options', async () => {
    expect((await get(sim(), q('$expand=assignments'))).status).toBe(400);
    expect((await get(sim(), q('$skip=2'))).status).toBe(400);
    expect((await get(sim(), q('$top=2&$top=3'))).status).toBe(400);
  });
});

describe('one mobile app', () => {
  it('answers 404 ResourceNotFound for an unknown id', async () => {
    const res = await get(sim(), appPath('beta', '00000000-0000-0000-0000-000000000000'));
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('ResourceNotFound');
  });

  it('expands its assignments with $expand=assignments', async () => {
    const res = await get(
      sim(),
      appPath('beta', TINY.apps.win32, '?$expand=assignments&$select=displayName'),
    );
    expect(res.body.displayName).toBe('Contoso VPN');
    expect(res.body.fileName).toBeUndefined();
    const assignments = res.body.assignments as Record<string, unknown>[];
    expect(assignments.map((a) => (a.target as Record<string, unknown>)['@odata.type'])).toEqual([
      '#microsoft.graph.groupAssignmentTarget',
      '#microsoft.graph.exclusionGroupAssignmentTarget',
      '#microsoft.graph.allLicensedUsersAssignmentTarget',
      '#microsoft.graph.allDevicesAssignmentTarget',
    ]);
  });

  it('lists its assignments in the beta shape, with filters and source', async () => {
    const res = await get(sim(), appPath('beta', TINY.apps.policySet, '/assignments'));
    expect(res.body.value?.[0]).toMatchObject({
      source: 'policySets',
      sourceId: TINY.policySetId,
      target: { deviceAndAppManagementAssignmentFilterType: 'none' },
    });
  });
});
