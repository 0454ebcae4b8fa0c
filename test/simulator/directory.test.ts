import { TINY } from '../fixtures/tiny-tenant';
import { get, pluck, post, useTinySimulator } from './sim-client';

const sim = useTinySimulator({ resetEachTest: false });

const G = TINY.groups;
const EVENTUAL = { headers: { ConsistencyLevel: 'eventual' } };
const search = (term: string) =>
  `/v1.0/groups?$search=${encodeURIComponent(`"displayName:${term}"`)}`;
const check = (user: string, groupIds: string[]) =>
  post(sim(), `/v1.0/users/${user}/checkMemberGroups`, { groupIds });

describe('groups', () => {
  it('refuses $search without ConsistencyLevel: eventual with Request_UnsupportedQuery', async () => {
    const res = await get(sim(), search('sales'));
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('Request_UnsupportedQuery');
    expect(res.body.error?.message).toMatch(/ConsistencyLevel: eventual/);
  });

  it('searches word prefixes case-insensitively with ConsistencyLevel: eventual', async () => {
    expect(pluck(await get(sim(), search('emea'), EVENTUAL), 'displayName')).toEqual([
      'Sales EMEA',
      'Sales EMEA UK',
    ]);
    expect(pluck(await get(sim(), search('pilot'), EVENTUAL), 'displayName')).toEqual([
      'SG-PilotDevices',
    ]);
    expect(pluck(await get(sim(), search('devices'), EVENTUAL), 'displayName')).toEqual([
      'SG-PilotDevices',
    ]);
    expect(pluck(await get(sim(), search('ales'), EVENTUAL), 'displayName')).toEqual([]);
    expect((await get(sim(), '/v1.0/groups?$search=sales', EVENTUAL)).status).toBe(400);
  });

  it('filters with startswith, selects, counts (with the header only) and pages', async () => {
    const res = await get(
      sim(),
      `/beta/groups?$filter=${encodeURIComponent("startswith(displayName,'sales')")}&$select=displayName&$count=true&$top=2`,
      EVENTUAL,
    );
    expect(res.body['@odata.count']).toBe(3);
    expect(res.body.value).toEqual([
      { id: G.sales, displayName: 'Sales' },
      { id: G.salesEmea, displayName: 'Sales EMEA' },
    ]);
    expect(pluck(await get(sim(), String(res.body['@odata.nextLink']), EVENTUAL), 'id')).toEqual([
      G.salesEmeaUk,
    ]);
    expect((await get(sim(), '/v1.0/groups?$count=true')).status).toBe(400);
  });

  it('allows $top up to 999 and refuses more', async () => {
    expect((await get(sim(), '/v1.0/groups?$top=999')).status).toBe(200);
    const res = await get(sim(), '/v1.0/groups?$top=1000');
    expect(res.status).toBe(400);
  });

  it('reads one group and answers Request_ResourceNotFound for an unknown one', async () => {
    expect((await get(sim(), `/v1.0/groups/${G.finance}?$select=displayName`)).body).toMatchObject({
      displayName: 'Finance',
    });
    const res = await get(sim(), '/v1.0/groups/00000000-0000-0000-0000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('Request_ResourceNotFound');
  });
});

describe('users', () => {
  it('reads a user by id or by userPrincipalName', async () => {
    expect((await get(sim(), `/v1.0/users/${TINY.users.carol}`)).body.displayName).toBe('Carol');
    expect((await get(sim(), '/v1.0/users/CAROL@contoso.onmicrosoft.com')).body.id).toBe(
      TINY.users.carol,
    );
    const res = await get(sim(), '/v1.0/users/nobody@contoso.onmicrosoft.com');
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('Request_ResourceNotFound');
  });

  it('answers checkMemberGroups transitively through two levels of nesting', async () => {
    const carol = await check(TINY.users.carol, [G.approvers, G.sales, G.approverDeputies]);
    expect(carol.status).toBe(200);
    expect(carol.body.value).toEqual([G.approvers, G.approverDeputies]);
    expect(carol.body['@odata.context']).toMatch(/Collection\(Edm\.String\)$/);
    expect((await check(TINY.users.alice, [G.approvers, G.sales])).body.value).toEqual([G.sales]);
    expect((await check(TINY.users.dave, [G.approvers])).body.value).toEqual([]);
  });

  it('refuses checkMemberGroups with more than 20 ids, and for an unknown user', async () => {
    const ids = Array.from(
      { length: 21 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const tooMany = await check(TINY.users.carol, ids);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.message).toMatch(/at most 20/);
    expect((await check(TINY.users.carol, ids.slice(0, 20))).status).toBe(200);
    const unknown = await check('00000000-0000-0000-0000-000000000000', [G.sales]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('Request_ResourceNotFound');
  });
});
