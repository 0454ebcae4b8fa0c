import { TINY } from '../fixtures/tiny-tenant';
import {
  appAssignment,
  appPath,
  call,
  get,
  groupTarget,
  post,
  useTinySimulator,
  WIN32_SETTINGS,
} from './sim-client';

const sim = useTinySimulator();

const APPS = '/beta/deviceAppManagement/mobileApps';

describe('injected faults', () => {
  it('answers 429 TooManyRequests with Retry-After when retryAfter is given', async () => {
    sim().control.addFault({
      path: '^/deviceAppManagement/mobileApps$',
      status: 429,
      retryAfter: 3,
    });
    const res = await get(sim(), APPS);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body.error?.code).toBe('TooManyRequests');
    expect(res.headers.get('request-id')).toBeTruthy();
  });

  it('answers 429 without Retry-After when none is given', async () => {
    sim().control.addFault({ path: 'mobileApps', status: 429 });
    const res = await get(sim(), APPS);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
  });

  it('answers 503 ServiceUnavailable and 504 GatewayTimeout', async () => {
    sim().control.addFault({ path: '^/groups', status: 503, times: 1 });
    sim().control.addFault({ path: '^/users', status: 504, times: 1 });
    const unavailable = await get(sim(), '/v1.0/groups');
    expect([unavailable.status, unavailable.body.error?.code]).toEqual([503, 'ServiceUnavailable']);
    const timeout = await get(sim(), `/v1.0/users/${TINY.users.bob}`);
    expect([timeout.status, timeout.body.error?.code]).toEqual([504, 'GatewayTimeout']);
  });

  it('stops after `times` matching requests and only matches its method', async () => {
    sim().control.addFault({ method: 'GET', path: '/mobileApps', status: 503, times: 2 });
    expect((await get(sim(), APPS)).status).toBe(503);
    expect((await get(sim(), '/v1.0/groups')).status).toBe(200);
    expect((await get(sim(), APPS)).status).toBe(503);
    expect((await get(sim(), APPS)).status).toBe(200);
  });

  it('lasts until cleared when times is omitted', async () => {
    sim().control.addFault({ path: '/groups', status: 503 });
    for (let i = 0; i < 3; i++) expect((await get(sim(), '/v1.0/groups')).status).toBe(503);
    sim().control.clearFaults();
    expect((await get(sim(), '/v1.0/groups')).status).toBe(200);
  });

  it('adds latency, alone or with a status', async () => {
    sim().control.addFault({ path: '/groups', latencyMs: 150, times: 1 });
    const started = Date.now();
    expect((await get(sim(), '/v1.0/groups')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('never applies a faulted write, and records it', async () => {
    sim().control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 503,
      retryAfter: 1,
      times: 1,
    });
    const body = {
      mobileAppAssignments: [
        appAssignment(groupTarget(TINY.groups.finance), 'required', WIN32_SETTINGS),
      ],
    };
    const res = await post(sim(), appPath('beta', TINY.apps.win32, '/assign'), body);
    expect(res.status).toBe(503);
    expect(sim().control.tenant().appAssignments.get(TINY.apps.win32)).toHaveLength(4);
    expect(
      sim()
        .control.writes()
        .map((w) => w.status),
    ).toEqual([503]);
    expect((await post(sim(), appPath('beta', TINY.apps.win32, '/assign'), body)).status).toBe(204);
  });

  it('takes faults over the HTTP control API and refuses invalid ones', async () => {
    const added = await call(sim(), 'POST', '/_sim/faults', {
      token: null,
      body: { path: '/groups', status: 429, retryAfter: 2, times: 1 },
    });
    expect(added.status).toBe(204);
    expect((await get(sim(), '/v1.0/groups')).headers.get('retry-after')).toBe('2');
    const invalid = await call(sim(), 'POST', '/_sim/faults', {
      token: null,
      body: { path: '(', status: 503 },
    });
    expect(invalid.status).toBe(400);
    expect(() => sim().control.addFault({ path: '/x' })).toThrow(/status/);
    expect((await call(sim(), 'DELETE', '/_sim/faults', { token: null })).status).toBe(204);
  });
});
