import { TINY } from '../fixtures/tiny-tenant';
import { appPath, call, get, post, useTinySimulator } from './sim-client';

const sim = useTinySimulator();

const control = (method: string, path: string, body?: unknown) =>
  call(sim(), method, `/_sim/${path}`, { token: null, body });

describe('the HTTP control API', () => {
  it('resets the tenant, settings and logs to how the simulator started', async () => {
    await post(sim(), appPath('beta', TINY.apps.win32, '/assign'), { mobileAppAssignments: [] });
    await control('PATCH', 'settings', { multiAdminApproval: true });
    expect((await control('POST', 'reset')).status).toBe(204);
    expect(sim().control.tenant().appAssignments.get(TINY.apps.win32)).toHaveLength(4);
    expect((await control('GET', 'settings')).body).toEqual({
      multiAdminApproval: false,
      approvalRequiredStatus: 403,
      plainConfigAssignFails: true,
      throttling: true,
      appPermission: 'ReadWrite',
      adminConsent: true,
    });
    expect((await control('GET', 'writes')).body.value).toEqual([]);
  });

  it('lists and clears recorded writes', async () => {
    await post(sim(), appPath('beta', TINY.apps.win32, '/assign'), { mobileAppAssignments: [] });
    const writes = await control('GET', 'writes');
    expect(writes.body.value).toEqual([expect.objectContaining({ status: 204, version: 'beta' })]);
    expect((await control('DELETE', 'writes')).status).toBe(204);
    expect(sim().control.writes()).toEqual([]);
  });

  it('changes settings and refuses unknown or invalid ones', async () => {
    const changed = await control('PATCH', 'settings', { approvalRequiredStatus: 412 });
    expect(changed.body).toMatchObject({ approvalRequiredStatus: 412 });
    expect((await control('PATCH', 'settings', { approvalRequiredStatus: 500 })).status).toBe(400);
    expect((await control('PATCH', 'settings', { colour: 'red' })).status).toBe(400);
    expect(() =>
      sim().control.settings({ multiAdminApproval: 'yes' as unknown as boolean }),
    ).toThrow();
  });

  it('lists the Graph requests received, without its own', async () => {
    await get(sim(), '/v1.0/groups', { headers: { 'client-request-id': 'abc' } });
    const res = await control('GET', 'requests');
    expect(res.body.value).toEqual([
      expect.objectContaining({ method: 'GET', url: '/v1.0/groups' }),
    ]);
    expect((await control('DELETE', 'requests')).status).toBe(204);
    expect(sim().control.requests()).toEqual([]);
  });

  it('answers 404 for an unknown control route and for deciding an unknown approval', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
    expect((await control('POST', 'approvals/nope/approve')).status).toBe(404);
  });
});
