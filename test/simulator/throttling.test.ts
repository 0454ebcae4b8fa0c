import type { SimulatorHandle } from '../../src/simulator/server';
import { startSimulator } from '../../src/simulator/server';
import { callingApp, DEFAULT_APP, Throttle } from '../../src/simulator/throttling';
import { TINY, tinyTenant } from '../fixtures/tiny-tenant';
import {
  appAssignment,
  appPath,
  get,
  groupTarget,
  post,
  useTinySimulator,
  WIN32_SETTINGS,
} from './sim-client';

/** An unsigned token naming application `appid`, for reading the claim (Graph would refuse it). */
function unsignedTokenOf(appid: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ appid, roles: [] })}.signature`;
}

const ASSIGN = appPath('beta', TINY.apps.win32, '/assign');
const BODY = {
  mobileAppAssignments: [
    appAssignment(groupTarget(TINY.groups.finance), 'required', WIN32_SETTINGS),
  ],
};
const GROUPS = '/v1.0/groups';

describe("the simulated tenant keeps Intune's throttling limits", () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    // Small limits over a long window, so the test goes over each at once.
    sim = await startSimulator({
      tenant: tinyTenant(),
      port: 0,
      limits: { appWrites: 2, tenantWrites: 3, requests: 6, windowMs: 60_000 },
      // Entra ID signs the app-only tokens that tell one calling application from another.
      entra: true,
    });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());

  it('answers an app write over the per-application limit with 429 in Graph error shape and Retry-After', async () => {
    expect((await post(sim, ASSIGN, BODY)).status).toBe(204);
    expect((await post(sim, ASSIGN, BODY)).status).toBe(204);
    const over = await post(sim, ASSIGN, BODY);
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('TooManyRequests');
    expect(over.body.error?.message).toMatch(/app writes exceed 2 per 20 seconds/);
    expect(over.body.error?.innerError['request-id']).toBe(over.headers.get('request-id'));
    expect(over.body.error?.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(sim.control.writes().map((w) => w.status)).toEqual([204, 204, 429]);
    expect(sim.control.tenant().appAssignments.get(TINY.apps.win32)).toHaveLength(1);
  });

  it('counts app writes per calling application, and the tenant limit over every application', async () => {
    const tokenOf = (appId: string) => sim.control.appToken({ appId });
    const [a, b] = [tokenOf('app-a'), tokenOf('app-b')];
    expect((await post(sim, ASSIGN, BODY, { token: a })).status).toBe(204);
    expect((await post(sim, ASSIGN, BODY, { token: a })).status).toBe(204);
    expect((await post(sim, ASSIGN, BODY, { token: a })).status).toBe(429);
    expect((await post(sim, ASSIGN, BODY, { token: b })).status).toBe(204);
    const tenantFull = await post(sim, ASSIGN, BODY, { token: b });
    expect(tenantFull.status).toBe(429);
    expect(tenantFull.body.error?.message).toMatch(/tenant's app writes exceed 3/);
    expect(sim.control.throttled().map((t) => [t.app, t.limit])).toEqual([
      ['app-a', 'app-writes'],
      ['app-b', 'tenant-writes'],
    ]);
  });

  it('answers any request over the per-application request limit, reads included', async () => {
    for (let i = 0; i < 6; i++) expect((await get(sim, GROUPS)).status).toBe(200);
    const over = await get(sim, GROUPS);
    expect(over.status).toBe(429);
    expect(over.body.error?.message).toMatch(/requests exceed 6 per 20 seconds/);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another application still has its own requests.
    const other = sim.control.appToken({ appId: 'other' });
    expect((await get(sim, GROUPS, { token: other })).status).toBe(200);
    expect(sim.control.throttled()).toHaveLength(1);
  });

  it('keeps no limits when the throttling setting is off, and records the 429s until cleared', async () => {
    for (let i = 0; i < 7; i++) await get(sim, GROUPS);
    expect(sim.control.throttled()).toHaveLength(1);
    sim.control.clearThrottled();
    sim.control.settings({ throttling: false });
    for (let i = 0; i < 10; i++) expect((await get(sim, GROUPS)).status).toBe(200);
    expect(sim.control.throttled()).toHaveLength(0);
  });
});

describe('throttling defaults', () => {
  const sim = useTinySimulator();

  it("is on by default, with Intune's limits, and shows over the control API", async () => {
    const settings = await get(sim(), '/_sim/settings', { token: null });
    expect(settings.body.throttling).toBe(true);
    const record = await get(sim(), '/_sim/throttled', { token: null });
    expect(record.body.value).toEqual([]);
  });
});

describe('the throttle itself', () => {
  it('gives Retry-After as the whole seconds until the oldest place in the full window frees', () => {
    const throttle = new Throttle({
      appWrites: 2,
      tenantWrites: 10,
      requests: 10,
      windowMs: 20_000,
    });
    const write = { app: 'a', method: 'POST', path: '/deviceAppManagement/mobileApps/x/assign' };
    throttle.take(write, 1_000);
    throttle.take(write, 5_000);
    expect(() => throttle.take(write, 12_500)).toThrow(/Retry after 9 seconds/);
    // Once the first write leaves the window a place is free again.
    expect(() => throttle.take(write, 21_001)).not.toThrow();
    expect(throttle.throttled()).toEqual([
      expect.objectContaining({ limit: 'app-writes', retryAfter: 9 }),
    ]);
  });

  it('reads the calling application from the token, else one default application', () => {
    expect(callingApp(`Bearer ${unsignedTokenOf('11111111-2222')}`)).toBe('11111111-2222');
    expect(callingApp('Bearer simulator-development-token')).toBe(DEFAULT_APP);
    expect(callingApp(undefined)).toBe(DEFAULT_APP);
  });
});
