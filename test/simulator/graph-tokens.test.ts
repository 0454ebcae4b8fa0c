import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { delegatedToken } from './entra-client';
import { appAssignment, appPath, get, groupTarget, post, startTiny } from './sim-client';

const U = WELL_KNOWN.users;
const A = WELL_KNOWN.apps;
const APPS = '/beta/deviceAppManagement/mobileApps?$top=1';
const ASSIGN_BODY = {
  mobileAppAssignments: [appAssignment(groupTarget(WELL_KNOWN.groups.sales), 'available')],
};

describe('Graph validates bearer tokens against the simulated Entra ID', () => {
  let sim: SimulatorHandle;
  let other: SimulatorHandle;
  beforeAll(async () => {
    [sim, other] = await Promise.all([
      startSimulator({ entra: true, settings: { throttling: false } }),
      startSimulator({ entra: true, settings: { throttling: false } }),
    ]);
  });
  afterAll(() => Promise.all([sim.close(), other.close()]));
  beforeEach(() => sim.control.reset());

  const refusal = async (token: string) => {
    const res = await get(sim, APPS, { token });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('InvalidAuthenticationToken');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    return res.body.error?.message;
  };

  it('takes a token that is not a JWT as the application, as before', async () => {
    expect((await get(sim, APPS, { token: 'simulator-development-token' })).status).toBe(200);
    expect(sim.control.requests().map((r) => r.identity)).toEqual([{ kind: 'application' }]);
  });

  it('takes a valid delegated token as its user', async () => {
    const token = await delegatedToken(sim, U.approver2);
    expect((await get(sim, APPS, { token })).status).toBe(200);
    expect(sim.control.requests().map((r) => r.identity)).toEqual([
      {
        kind: 'user',
        id: U.approver2,
        name: 'Nestor Wilke',
        upn: 'nestor.wilke@contoso.onmicrosoft.com',
      },
    ]);
  });

  it('takes an app-only token as the application it names', async () => {
    const token = sim.control.appToken({ appId: 'app-a' });
    expect((await get(sim, APPS, { token })).status).toBe(200);
    expect(sim.control.requests()[0]?.identity).toEqual({ kind: 'application', appId: 'app-a' });
  });

  it('refuses a delegated token once its hour has passed', async () => {
    const token = await delegatedToken(sim, U.approver1);
    const later = Date.now() + 3601 * 1000;
    // The simulator runs in this process: its clock moves on with Date.now.
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(await refusal(token)).toBe('Lifetime validation failed, the token is expired.');
    } finally {
      clock.mockRestore();
    }
  });

  it('refuses a token for another audience (the SSO token itself)', async () => {
    const sso = sim.control.teamsToken(U.approver1);
    expect(await refusal(sso)).toBe('Access token validation failure. Invalid audience.');
  });

  it('refuses a token another Entra ID signed, and a JWT with its signature cut off', async () => {
    const foreign = await delegatedToken(other, U.approver1);
    expect(await refusal(foreign)).toBe('Access token validation failure. Invalid signature.');
    const unsigned = `${foreign.split('.').slice(0, 2).join('.')}.`;
    expect(await refusal(unsigned)).toBe('Access token validation failure. Invalid signature.');
  });

  it('refuses a write with a bad token before anything is written, recording no identity', async () => {
    const expired = sim.control.teamsToken(U.approver1, { expiresInSeconds: -60 });
    const before = structuredClone(sim.control.tenant().appAssignments.get(A.win32Unassigned));
    const res = await post(sim, appPath('beta', A.win32Unassigned, '/assign'), ASSIGN_BODY, {
      token: expired,
    });
    expect(res.status).toBe(401);
    expect(sim.control.tenant().appAssignments.get(A.win32Unassigned)).toEqual(before);
    const [write] = sim.control.writes();
    expect(write?.status).toBe(401);
    expect(write).not.toHaveProperty('identity');
    expect(sim.control.requests()[0]).not.toHaveProperty('identity');
  });

  it('records the writer of each write, the token itself redacted', async () => {
    const token = await delegatedToken(sim, U.approver1);
    const path = appPath('beta', A.win32Unassigned, '/assign');
    expect((await post(sim, path, ASSIGN_BODY, { token })).status).toBe(204);
    expect((await post(sim, path, ASSIGN_BODY)).status).toBe(204);
    const writes = sim.control.writes();
    expect(writes.map((w) => w.identity)).toEqual([
      expect.objectContaining({ kind: 'user', id: U.approver1 }),
      { kind: 'application' },
    ]);
    expect(writes.map((w) => w.headers.authorization)).toEqual([
      'Bearer [REDACTED]',
      'Bearer [REDACTED]',
    ]);
    expect(JSON.stringify(sim.control.requests())).not.toContain(token.split('.')[2]);
  });

  it('records the identity of each request inside a $batch, from the batch token', async () => {
    const token = await delegatedToken(sim, U.approver1);
    const res = await post(
      sim,
      '/beta/$batch',
      { requests: [{ id: '1', method: 'GET', url: `/users/${U.requester}` }] },
      { token },
    );
    expect(res.status).toBe(200);
    const inner = sim.control.requests().find((r) => r.batch !== undefined);
    expect(inner?.identity).toEqual(expect.objectContaining({ kind: 'user', id: U.approver1 }));
  });
});

describe('Graph without the simulated Entra ID', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startTiny();
  });
  afterAll(() => sim.close());

  it('refuses every JWT with 401, as no key can verify it', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${part({ alg: 'RS256', kid: 'k' })}.${part({ aud: 'https://graph.microsoft.com' })}.c2ln`;
    const res = await get(sim, '/v1.0/groups', { token: jwt });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('InvalidAuthenticationToken');
    expect(res.body.error?.message).toMatch(/no simulated Entra ID token service runs/);
  });
});
