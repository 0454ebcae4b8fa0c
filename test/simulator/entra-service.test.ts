import { createPublicKey, createVerify } from 'node:crypto';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { claimsOf, entraCall, oboForm, tokenPath } from './entra-client';

const U = WELL_KNOWN.users;
const AADSTS_DESCRIPTION =
  /^AADSTS\d+: .+ Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/;

describe('the simulated Entra ID token service over HTTPS', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ entra: true, settings: { throttling: false } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());
  const entra = () => sim.entra!;
  const exchange = (form: Record<string, string>) =>
    entraCall(entra(), 'POST', tokenPath(entra()), form);

  describe('discovery', () => {
    it("publishes the tenant's OpenID configuration, every endpoint on the service itself", async () => {
      const res = await entraCall(
        entra(),
        'GET',
        `/${entra().tenantId}/v2.0/.well-known/openid-configuration`,
      );
      expect(res.status).toBe(200);
      const base = `${entra().url}/${entra().tenantId}`;
      expect(res.body).toMatchObject({
        issuer: `${base}/v2.0`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    });

    it('publishes the signing key, with which the SSO tokens it issues verify', async () => {
      const res = await entraCall(entra(), 'GET', `/${entra().tenantId}/discovery/v2.0/keys`);
      const [jwk] = res.body.keys as { kid: string; kty: string; n: string; e: string }[];
      expect(jwk).toMatchObject({ kty: 'RSA', use: 'sig' });
      const token = sim.control.teamsToken(U.requester);
      const [header = '', payload = '', signature = ''] = token.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
        typ: 'JWT',
        alg: 'RS256',
        kid: jwk?.kid,
      });
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk!.n, e: jwk!.e }, format: 'jwk' });
      const verified = createVerify('RSA-SHA256')
        .update(`${header}.${payload}`)
        .verify(key, Buffer.from(signature, 'base64url'));
      expect(verified).toBe(true);
    });

    it('answers instance discovery with the service as its own only alias', async () => {
      const res = await entraCall(entra(), 'GET', '/common/discovery/instance?api-version=1.1');
      const host = new URL(entra().url).host;
      expect(res.status).toBe(200);
      expect(res.body.metadata).toEqual([
        { preferred_network: host, preferred_cache: host, aliases: [host] },
      ]);
    });

    it("refuses an unknown tenant with AADSTS90002 in Entra's error shape", async () => {
      const res = await entraCall(
        entra(),
        'GET',
        '/00000000-0000-0000-0000-000000000001/v2.0/.well-known/openid-configuration',
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'invalid_tenant',
        error_codes: [90002],
        trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      });
      expect(res.body.error_description).toMatch(AADSTS_DESCRIPTION);
    });
  });

  describe('the token endpoint', () => {
    it('exchanges an SSO token for a Graph token on behalf of its user', async () => {
      const res = await exchange(oboForm(entra(), sim.control.teamsToken(U.approver2)));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        scope:
          'https://graph.microsoft.com/DeviceManagementApps.ReadWrite.All https://graph.microsoft.com/DeviceManagementApps.Read.All',
      });
      expect(claimsOf(String(res.body.access_token))).toMatchObject({ oid: U.approver2 });
    });

    it('gives only the permissions asked for by name', async () => {
      const scope = 'https://graph.microsoft.com/DeviceManagementApps.Read.All offline_access';
      const res = await exchange(oboForm(entra(), sim.control.teamsToken(U.approver2), { scope }));
      expect(res.status).toBe(200);
      expect(claimsOf(String(res.body.access_token)).scp).toBe('DeviceManagementApps.Read.All');
    });

    it('refuses a grant other than on-behalf-of with unsupported_grant_type', async () => {
      const res = await exchange({
        grant_type: 'client_credentials',
        client_id: entra().bot.clientId,
        client_secret: entra().bot.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] });
    });

    it('refuses an unknown client id with AADSTS700016 and a wrong secret with 401 AADSTS7000215', async () => {
      const assertion = sim.control.teamsToken(U.approver1);
      const unknown = await exchange(oboForm(entra(), assertion, { client_id: U.outsider }));
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
      const wrong = await exchange(oboForm(entra(), assertion, { client_secret: 'nope' }));
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
      expect(wrong.body.error_description).toMatch(AADSTS_DESCRIPTION);
    });

    it('refuses an assertion for another audience, a forged one and a malformed one', async () => {
      const graphToken = sim.control.appToken();
      const otherAudience = await exchange(oboForm(entra(), graphToken));
      expect(otherAudience.status).toBe(400);
      expect(otherAudience.body).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
      expect(otherAudience.body.error_description).toMatch(
        /Assertion audience does not match the Client app presenting the assertion/,
      );
      const [header, payload] = sim.control.teamsToken(U.approver1).split('.');
      const forged = await exchange(oboForm(entra(), `${header}.${payload}.AAAA`));
      expect(forged.body).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
      const malformed = await exchange(oboForm(entra(), 'not-a-jwt'));
      expect(malformed.body).toMatchObject({ error: 'invalid_grant', error_codes: [50027] });
    });

    it('refuses an expired assertion with AADSTS500133', async () => {
      const expired = sim.control.teamsToken(U.approver1, { expiresInSeconds: -60 });
      const res = await exchange(oboForm(entra(), expired));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_grant', error_codes: [500133] });
    });

    it('refuses a user who has not consented with AADSTS65001 and suberror consent_required', async () => {
      sim.control.settings({ adminConsent: false });
      const res = await exchange(oboForm(entra(), sim.control.teamsToken(U.requester)));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'invalid_grant',
        error_codes: [65001],
        suberror: 'consent_required',
      });
    });

    it('names a missing parameter with AADSTS900144 and refuses a resource other than Graph', async () => {
      const withoutAssertion = new URLSearchParams(oboForm(entra(), 'x'));
      withoutAssertion.delete('assertion');
      const missing = await exchange(Object.fromEntries(withoutAssertion));
      expect(missing.body).toMatchObject({ error: 'invalid_request', error_codes: [900144] });
      expect(missing.body.error_description).toMatch(/'assertion'/);
      const assertion = sim.control.teamsToken(U.approver1);
      const other = await exchange(oboForm(entra(), assertion, { scope: 'api://other/.default' }));
      expect(other.body).toMatchObject({ error: 'invalid_scope', error_codes: [70011] });
    });
  });

  describe('the consent prompt', () => {
    const authorize = (query: Record<string, string>) =>
      entraCall(
        entra(),
        'GET',
        `/${entra().tenantId}/oauth2/v2.0/authorize?${new URLSearchParams(query).toString()}`,
      );

    it("records the consent of the user login_hint names and redirects with a code and the app's state", async () => {
      sim.control.settings({ adminConsent: false });
      const res = await authorize({
        client_id: entra().bot.clientId,
        redirect_uri: 'https://localhost:3978/auth/consent/done',
        scope: 'https://graph.microsoft.com/.default',
        state: 'xyz-123',
        login_hint: 'megan.bowen@contoso.onmicrosoft.com',
        prompt: 'consent',
      });
      expect(res.status).toBe(302);
      const location = new URL(String(res.headers.location));
      expect(location.origin + location.pathname).toBe('https://localhost:3978/auth/consent/done');
      expect(location.searchParams.get('state')).toBe('xyz-123');
      expect(location.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
      expect(sim.control.consents()).toEqual([
        { clientId: entra().bot.clientId, userId: U.requester },
      ]);
      const exchanged = await exchange(oboForm(entra(), sim.control.teamsToken(U.requester)));
      expect(exchanged.status).toBe(200);
    });

    it('answers a page saying consent was recorded when there is no redirect_uri', async () => {
      const res = await authorize({ client_id: entra().bot.clientId, login_hint: U.outsider });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/Joni Sherman consented/);
      expect(sim.control.consents()).toEqual([
        { clientId: entra().bot.clientId, userId: U.outsider },
      ]);
    });

    it('refuses an unknown client id or user, and records nothing', async () => {
      const badClient = await authorize({ client_id: U.outsider, login_hint: U.requester });
      expect(badClient.status).toBe(400);
      expect(badClient.body).toMatchObject({ error_codes: [700016] });
      const nobody = await authorize({
        client_id: entra().bot.clientId,
        login_hint: 'nobody@contoso.onmicrosoft.com',
      });
      expect(nobody.status).toBe(400);
      expect(sim.control.consents()).toEqual([]);
    });
  });
});
