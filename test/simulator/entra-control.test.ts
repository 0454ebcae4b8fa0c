import {
  SIMULATED_BOT_APP,
  SIMULATED_TENANT_ID,
  startSimulator,
  type SimulatorHandle,
  TEAMS_CLIENT_ID,
} from '../../src/simulator/server';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { claimsOf } from './entra-client';
import { call, startTiny } from './sim-client';

const U = WELL_KNOWN.users;

const control = (sim: SimulatorHandle, method: string, path: string, body?: unknown) =>
  call(sim, method, `/_sim/${path}`, { token: null, body });

describe('the control routes of the simulated Entra ID', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ entra: true });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());

  it('mints the SSO token Teams obtains for the bot for a user, valid one hour', async () => {
    const res = await control(sim, 'POST', 'entra/teams-token', { userId: U.approver1 });
    expect(res.status).toBe(200);
    const claims = claimsOf(String(res.body.token));
    expect(claims).toMatchObject({
      aud: SIMULATED_BOT_APP.clientId,
      iss: `${sim.entra?.url}/${SIMULATED_TENANT_ID}/v2.0`,
      scp: 'access_as_user',
      azp: TEAMS_CLIENT_ID,
      tid: SIMULATED_TENANT_ID,
      oid: U.approver1,
      upn: 'patti.fernandez@contoso.onmicrosoft.com',
      name: 'Patti Fernandez',
      ver: '2.0',
    });
    const now = Date.now() / 1000;
    expect(Number(claims.exp)).toBeGreaterThan(now + 3590);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it('mints an already expired token when asked to', async () => {
    const res = await control(sim, 'POST', 'entra/teams-token', {
      userId: U.approver1,
      expiresInSeconds: -60,
    });
    expect(Number(claimsOf(String(res.body.token)).exp)).toBeLessThan(Date.now() / 1000);
  });

  it('answers 404 for a user the tenant does not have, 400 without a user id', async () => {
    const unknown = await control(sim, 'POST', 'entra/teams-token', {
      userId: '0bad0bad-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect((await control(sim, 'POST', 'entra/teams-token', {})).status).toBe(400);
  });

  it('gives where the token service runs, its certificate and the bot app', async () => {
    const res = await control(sim, 'GET', 'entra');
    expect(res.body).toEqual({
      url: sim.entra?.url,
      caPem: sim.entra?.caPem,
      tenantId: SIMULATED_TENANT_ID,
      bot: SIMULATED_BOT_APP,
    });
    expect(sim.entra?.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('grants, lists and revokes one user consent', async () => {
    expect((await control(sim, 'POST', 'entra/consents', { userId: U.approver2 })).status).toBe(
      204,
    );
    const listed = await control(sim, 'GET', 'entra/consents');
    expect(listed.body).toEqual({
      adminConsent: true,
      value: [{ clientId: SIMULATED_BOT_APP.clientId, userId: U.approver2 }],
    });
    expect((await control(sim, 'DELETE', `entra/consents/${U.approver2}`)).status).toBe(204);
    expect(sim.control.consents()).toEqual([]);
  });

  it('turns admin consent off through the settings', async () => {
    const res = await control(sim, 'PATCH', 'settings', { adminConsent: false });
    expect(res.body).toMatchObject({ adminConsent: false });
    expect((await control(sim, 'PATCH', 'settings', { adminConsent: 'no' })).status).toBe(400);
  });

  it('resets consents and the consent and permission settings with the simulator', async () => {
    sim.control.grantConsent(U.requester);
    sim.control.settings({ adminConsent: false, appPermission: 'Read' });
    expect((await control(sim, 'POST', 'reset')).status).toBe(204);
    expect(sim.control.consents()).toEqual([]);
    expect(sim.control.settings({})).toMatchObject({
      adminConsent: true,
      appPermission: 'ReadWrite',
    });
  });
});

describe('the Entra control routes without the token service', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startTiny();
  });
  afterAll(() => sim.close());

  it('answer 409 with a clear message when Entra ID was not started', async () => {
    expect(sim.entra).toBeUndefined();
    const res = await control(sim, 'POST', 'entra/teams-token', { userId: 'anyone' });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/token service is not running.*entra option/);
    expect((await control(sim, 'GET', 'entra')).status).toBe(409);
  });
});
