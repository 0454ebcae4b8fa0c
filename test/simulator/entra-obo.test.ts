import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { claimsOf, oboCredential } from './entra-client';
import { appAssignment, appPath, get, groupTarget, post } from './sim-client';

const U = WELL_KNOWN.users;
const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`Rejected with a non-error: ${String(error)}`);
  }
  throw new Error('The promise did not reject');
}

const failure = async (promise: Promise<unknown>) => (await rejection(promise)).message;

describe("the bot exchanges a user's Teams SSO token on their behalf with @azure/identity", () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ entra: true, settings: { throttling: false } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());
  const entra = () => sim.entra!;

  it("gets a Graph token for the user with the bot's delegated permissions", async () => {
    const assertion = sim.control.teamsToken(U.approver1);
    const token = await oboCredential(entra(), assertion).getToken(GRAPH_DEFAULT);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(claimsOf(token.token)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${entra().tenantId}/`,
      tid: entra().tenantId,
      oid: U.approver1,
      upn: 'patti.fernandez@contoso.onmicrosoft.com',
      name: 'Patti Fernandez',
      scp: 'DeviceManagementApps.ReadWrite.All DeviceManagementApps.Read.All',
      appid: entra().bot.clientId,
      azp: entra().bot.clientId,
    });
    const claims = claimsOf(token.token);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it('writes to Intune as the user with the exchanged token, recorded under their identity', async () => {
    const assertion = sim.control.teamsToken(U.approver1);
    const { token } = await oboCredential(entra(), assertion).getToken(GRAPH_DEFAULT);
    const body = {
      mobileAppAssignments: [appAssignment(groupTarget(WELL_KNOWN.groups.sales), 'required')],
    };
    const res = await post(sim, appPath('beta', WELL_KNOWN.apps.macOSLob, '/assign'), body, {
      token,
    });
    expect(res.status).toBe(204);
    const patti = {
      kind: 'user',
      id: U.approver1,
      name: 'Patti Fernandez',
      upn: 'patti.fernandez@contoso.onmicrosoft.com',
    };
    expect(sim.control.writes()).toEqual([
      expect.objectContaining({ status: 204, identity: patti }),
    ]);
    expect(sim.control.writes()[0]?.headers.authorization).toBe('Bearer [REDACTED]');
  });

  it('fails with AADSTS7000215 when the client secret is wrong', async () => {
    const assertion = sim.control.teamsToken(U.approver1);
    const message = await failure(
      oboCredential(entra(), assertion, 'not-the-secret').getToken(GRAPH_DEFAULT),
    );
    expect(message).toMatch(/invalid_client/);
    expect(message).toMatch(/AADSTS7000215: Invalid client secret provided/);
  });

  it('fails with AADSTS500133 when the SSO token has expired', async () => {
    const assertion = sim.control.teamsToken(U.approver1, { expiresInSeconds: -60 });
    const message = await failure(oboCredential(entra(), assertion).getToken(GRAPH_DEFAULT));
    expect(message).toMatch(/invalid_grant/);
    expect(message).toMatch(/AADSTS500133: Assertion is not within its valid time range/);
  });

  it('fails with AADSTS65001, authentication required, when the user has not consented', async () => {
    sim.control.settings({ adminConsent: false });
    const assertion = sim.control.teamsToken(U.approver2);
    const error = await rejection(oboCredential(entra(), assertion).getToken(GRAPH_DEFAULT));
    // @azure/identity 4.13 turns every error answer of the token endpoint into this one; the
    // AADSTS code is in its message (the suberror consent_required is not kept).
    expect(error.name).toBe('AuthenticationRequiredError');
    expect(error.message).toMatch(/AADSTS65001: The user or administrator has not consented/);
  });

  it('succeeds without admin consent once the user consented, and not for someone else', async () => {
    sim.control.settings({ adminConsent: false });
    sim.control.grantConsent(U.approver2);
    const mine = sim.control.teamsToken(U.approver2);
    const token = await oboCredential(entra(), mine).getToken(GRAPH_DEFAULT);
    expect(claimsOf(token.token).oid).toBe(U.approver2);
    const theirs = sim.control.teamsToken(U.approver1);
    expect(await failure(oboCredential(entra(), theirs).getToken(GRAPH_DEFAULT))).toMatch(
      /AADSTS65001/,
    );
  });

  it('reads Graph as the user: the recorded request names them', async () => {
    const assertion = sim.control.teamsToken(U.approver2);
    const { token } = await oboCredential(entra(), assertion).getToken(GRAPH_DEFAULT);
    expect((await get(sim, `/v1.0/users/${U.approver2}`, { token })).status).toBe(200);
    expect(sim.control.requests().map((r) => r.identity)).toEqual([
      {
        kind: 'user',
        id: U.approver2,
        name: 'Nestor Wilke',
        upn: 'nestor.wilke@contoso.onmicrosoft.com',
      },
    ]);
  });
});
