import { randomBytes } from 'node:crypto';
import { s256 } from '../../src/simulator/entra/auth-codes';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { claimsOf, entraCall, tokenPath } from './entra-client';

const U = WELL_KNOWN.users;
const PATTI = 'patti.fernandez@contoso.onmicrosoft.com';
const REDIRECT = 'https://localhost:3978/auth/slack/done';
const WRITE = 'https://graph.microsoft.com/DeviceManagementApps.ReadWrite.All';

describe('the simulated Entra ID: sign-in with the authorization code flow and PKCE', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ entra: true, settings: { throttling: false } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());
  const entra = () => sim.entra!;

  const authorize = (query: Record<string, string>) =>
    entraCall(
      entra(),
      'GET',
      `/${entra().tenantId}/oauth2/v2.0/authorize?${new URLSearchParams(query).toString()}`,
    );

  /** The sign-in as the bot starts it, and the code and state it comes back with. */
  async function signIn(more: Record<string, string> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const res = await authorize({
      client_id: entra().bot.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: `${WRITE} openid profile offline_access`,
      state: 'state-1',
      login_hint: PATTI,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
      ...more,
    });
    const location = res.headers.location ? new URL(String(res.headers.location)) : undefined;
    return { res, verifier, location, code: location?.searchParams.get('code') ?? '' };
  }

  const redeem = (code: string, verifier: string, more: Record<string, string> = {}) =>
    entraCall(entra(), 'POST', tokenPath(entra()), {
      grant_type: 'authorization_code',
      client_id: entra().bot.clientId,
      client_secret: entra().bot.clientSecret,
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      scope: `${WRITE} openid profile offline_access`,
      client_info: '1',
      ...more,
    });

  it('signs the login_hint user in without a page and redirects to the registered URI with a code and the state', async () => {
    const { res, location, code } = await signIn();
    expect(res.status).toBe(302);
    expect(location?.origin + (location?.pathname ?? '')).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('state-1');
    expect(code.length).toBeGreaterThan(40);
  });

  it("redeems the code once for the user's Graph token, with an ID token and client_info naming them", async () => {
    const { code, verifier } = await signIn({ nonce: 'n-1' });
    const res = await redeem(code, verifier);
    expect(res.status).toBe(200);
    const access = claimsOf(String(res.body.access_token));
    expect(access).toMatchObject({ oid: U.approver1, aud: 'https://graph.microsoft.com' });
    expect(access.scp).toBe('DeviceManagementApps.ReadWrite.All');
    const id = claimsOf(String(res.body.id_token));
    expect(id).toMatchObject({
      oid: U.approver1,
      tid: entra().tenantId,
      aud: entra().bot.clientId,
      preferred_username: PATTI,
      nonce: 'n-1',
    });
    const info = JSON.parse(Buffer.from(String(res.body.client_info), 'base64url').toString());
    expect(info).toEqual({ uid: U.approver1, utid: entra().tenantId });

    const again = await redeem(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('refuses an expired code with AADSTS70008 and a code it never issued as malformed', async () => {
    const { code, verifier } = await signIn();
    sim.control.ageCodes(601);
    const expired = await redeem(code, verifier);
    expect(expired.body).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
    const forged = await redeem(randomBytes(48).toString('base64url'), verifier);
    expect(forged.body).toMatchObject({ error: 'invalid_grant', error_codes: [9002313] });
  });

  it('refuses a wrong or missing PKCE verifier, and the code is spent', async () => {
    const wrong = await signIn();
    const res = await redeem(wrong.code, randomBytes(32).toString('base64url'));
    expect(res.body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect((await redeem(wrong.code, wrong.verifier)).body).toMatchObject({
      error_codes: [54005],
    });
    const missing = await signIn();
    const without = await redeem(missing.code, '', { code_verifier: '' });
    expect(without.body).toMatchObject({ error: 'invalid_grant', error_codes: [50148] });
  });

  it('refuses a redirect URI that is not registered at the prompt, and another one at redemption', async () => {
    const unregistered = await signIn({ redirect_uri: 'https://evil.example/auth/slack/done' });
    expect(unregistered.res.status).toBe(400);
    expect(unregistered.res.body).toMatchObject({ error_codes: [50011] });
    const { code, verifier } = await signIn();
    const other = await redeem(code, verifier, {
      redirect_uri: 'https://localhost:3978/auth/consent/done',
    });
    expect(other.body).toMatchObject({ error: 'invalid_grant', error_codes: [500112] });
  });

  it('refuses a bad client secret before looking at the code, which stays redeemable', async () => {
    const { code, verifier } = await signIn();
    const bad = await redeem(code, verifier, { client_secret: 'not-the-secret' });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect((await redeem(code, verifier)).status).toBe(200);
  });

  it('answers AADSTS65001 at redemption for a user who has not consented, until they consent through the prompt', async () => {
    sim.control.settings({ adminConsent: false });
    const first = await signIn();
    const refused = await redeem(first.code, first.verifier);
    expect(refused.body).toMatchObject({
      error: 'invalid_grant',
      error_codes: [65001],
      suberror: 'consent_required',
    });
    expect(sim.control.consents()).toEqual([]);
    const consented = await signIn({ prompt: 'consent' });
    expect((await redeem(consented.code, consented.verifier)).status).toBe(200);
    expect(sim.control.consents()).toEqual([
      { clientId: entra().bot.clientId, userId: U.approver1 },
    ]);
  });

  it('refuses a malformed PKCE challenge or method', async () => {
    const short = await signIn({ code_challenge: 'too-short' });
    expect(short.res.body).toMatchObject({ error_codes: [501491] });
    const method = await signIn({ code_challenge_method: 'S512' });
    expect(method.res.body).toMatchObject({ error_codes: [50149] });
  });
});
