import { TINY } from '../fixtures/tiny-tenant';
import { appPath, call, get, post, useTinySimulator } from './sim-client';

const sim = useTinySimulator();

describe('the simulated tenant over HTTP', () => {
  it('answers 401 InvalidAuthenticationToken without an Authorization header', async () => {
    const res = await get(sim(), '/beta/deviceAppManagement/mobileApps', { token: null });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('InvalidAuthenticationToken');
    expect(res.body.error?.message).toBe('Access token is empty.');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('answers 401 for a non-Bearer scheme and accepts any non-empty bearer token', async () => {
    const basic = await get(sim(), '/v1.0/groups', {
      token: null,
      headers: { Authorization: 'Basic abc' },
    });
    expect(basic.status).toBe(401);
    expect((await get(sim(), '/v1.0/groups', { token: 'anything' })).status).toBe(200);
  });

  it('gives every answer a fresh request-id, echoes client-request-id and sends Date', async () => {
    const a = await get(sim(), '/v1.0/groups', { headers: { 'client-request-id': 'my-id-1' } });
    const b = await get(sim(), '/v1.0/groups');
    expect(a.headers.get('client-request-id')).toBe('my-id-1');
    expect(a.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('request-id')).not.toBe(b.headers.get('request-id'));
    expect(a.headers.get('date')).toBeTruthy();
  });

  it("puts the correlation ids in the error envelope's innerError", async () => {
    const res = await get(sim(), appPath('beta', 'nope'), {
      headers: { 'client-request-id': 'c-1' },
    });
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('ResourceNotFound');
    expect(res.body.error?.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'request-id': res.headers.get('request-id'),
      'client-request-id': 'c-1',
    });
  });

  it('answers an unknown segment with 400 "Resource not found for the segment"', async () => {
    const res = await get(sim(), '/beta/deviceAppManagement/mobileAppz');
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe("Resource not found for the segment 'mobileAppz'.");
  });

  it('answers an unknown API version with 400', async () => {
    const res = await get(sim(), '/v2.0/groups');
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/Invalid version/);
  });

  it('matches path segments case-insensitively, as Graph does', async () => {
    const res = await get(sim(), `/BETA/DeviceAppManagement/MOBILEAPPS/${TINY.apps.win32}`);
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Contoso VPN');
  });

  it('answers a wrong method on a known path with 405', async () => {
    const res = await call(sim(), 'DELETE', appPath('beta', TINY.apps.win32));
    expect(res.status).toBe(405);
  });

  it('refuses a malformed JSON body with 400', async () => {
    const res = await call(sim(), 'POST', appPath('beta', TINY.apps.win32, '/assign'), {
      rawBody: '{"mobileAppAssignments": [',
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/Unable to read JSON request payload/);
  });

  it('refuses a JSON body sent without a JSON Content-Type', async () => {
    const res = await call(sim(), 'POST', appPath('beta', TINY.apps.win32, '/assign'), {
      rawBody: '{"mobileAppAssignments": []}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(sim().control.tenant().appAssignments.get(TINY.apps.win32)).toHaveLength(4);
  });

  it('refuses a body over 4 MB with 413 and changes nothing', async () => {
    const big = { mobileAppAssignments: [], padding: 'x'.repeat(4 * 1024 * 1024) };
    const res = await post(sim(), appPath('beta', TINY.apps.win32, '/assign'), big);
    expect(res.status).toBe(413);
    expect(sim().control.tenant().appAssignments.get(TINY.apps.win32)).toHaveLength(4);
  });

  it('records every Graph request with its headers, token redacted', async () => {
    await get(sim(), '/v1.0/groups', {
      headers: { ConsistencyLevel: 'eventual', 'client-request-id': 'r-1' },
    });
    const [request] = sim().control.requests();
    expect(request).toMatchObject({ method: 'GET', url: '/v1.0/groups' });
    expect(request?.headers.consistencylevel).toBe('eventual');
    expect(request?.headers['client-request-id']).toBe('r-1');
    expect(request?.headers.authorization).toBe('Bearer [REDACTED]');
    sim().control.clearRequests();
    expect(sim().control.requests()).toHaveLength(0);
  });
});
