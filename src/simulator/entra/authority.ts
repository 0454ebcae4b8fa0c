import { createHash, generateKeyPair, type KeyObject, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { GraphObject } from '../tenant-data';
import {
  DEFAULT_DELEGATED_PERMISSIONS,
  type EntraHandle,
  type EntraOptions,
  GRAPH_RESOURCE,
  SIMULATED_BOT_APP,
  SIMULATED_TENANT_DOMAIN,
  SIMULATED_TENANT_ID,
  type SimulatedApp,
  SSO_SCOPE,
  TEAMS_CLIENT_ID,
  TOKEN_LIFETIME_SECONDS,
} from './constants';
import { type DecodedJwt, type JwtClaims, nowSeconds, signedBy, signJwt } from './jwt';

/**
 * The simulated Entra ID tenant's token authority: its signing key, its registered bot app and
 * the tokens it mints (Teams SSO tokens for the bot, Graph access tokens on behalf of a user,
 * app-only Graph tokens). The HTTPS token service and the simulated Graph share one instance: the
 * service signs with it, Graph verifies with it, as Graph trusts Entra's published keys.
 */
export class EntraAuthority {
  /** The token service's origin, known once it listens (`https://127.0.0.1:PORT`). */
  url = '';
  /** The token service's self-signed TLS certificate (PEM), known once it listens. */
  caPem = '';

  private constructor(
    readonly tenantId: string,
    readonly bot: SimulatedApp,
    readonly delegatedPermissions: readonly string[],
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
    readonly kid: string,
  ) {}

  /** A new authority with a fresh RSA 2048 signing key. */
  static async create(options: EntraOptions = {}): Promise<EntraAuthority> {
    const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
      modulusLength: 2048,
    });
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const kid = createHash('sha1').update(der).digest('base64url');
    return new EntraAuthority(
      options.tenantId ?? SIMULATED_TENANT_ID,
      { ...SIMULATED_BOT_APP, ...options.bot },
      options.delegatedPermissions ?? DEFAULT_DELEGATED_PERMISSIONS,
      privateKey,
      publicKey,
      kid,
    );
  }

  /** What a client needs to use the running service (the handle's `entra`). */
  handle(): EntraHandle {
    return { url: this.url, caPem: this.caPem, tenantId: this.tenantId, bot: { ...this.bot } };
  }

  /** Whether an authority URL's tenant segment names this tenant (its id or its domain). */
  isTenant(segment: string): boolean {
    const name = segment.toLowerCase();
    return name === this.tenantId.toLowerCase() || name === SIMULATED_TENANT_DOMAIN;
  }

  /** The issuer of the v2.0 tokens this service hands out (SSO tokens), as its metadata says. */
  get issuer(): string {
    return `${this.url}/${this.tenantId}/v2.0`;
  }

  /** The JSON Web Key Set of the signing key, as `discovery/v2.0/keys` publishes it. */
  jwks(): object {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return {
      keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n: jwk.n, e: jwk.e }],
    };
  }

  /** Whether this authority signed the token. */
  signed(jwt: DecodedJwt): boolean {
    return signedBy(jwt, this.publicKey, this.kid);
  }

  /** The SSO token Teams obtains for the bot for a signed-in user (a v2.0 token for the bot). */
  teamsToken(user: GraphObject, expiresInSeconds = TOKEN_LIFETIME_SECONDS): string {
    return this.sign(
      {
        ...this.userClaims(user),
        aud: this.bot.clientId,
        iss: this.issuer,
        azp: TEAMS_CLIENT_ID,
        azpacr: '0',
        scp: SSO_SCOPE,
        ver: '2.0',
      },
      expiresInSeconds,
    );
  }

  /** A Graph access token for a user, obtained by `clientId` on the user's behalf (v1.0 token). */
  graphTokenForUser(user: UserClaims, clientId: string, scopes: readonly string[]): string {
    return this.sign({
      ...user,
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      appid: clientId,
      azp: clientId,
      appidacr: '1',
      idtyp: 'user',
      scp: scopes.join(' '),
      ver: '1.0',
    });
  }

  /** The ID token of a user signed in to the bot app (v2.0; `nonce` as the app sent it). */
  idToken(user: UserClaims, nonce?: string): string {
    const { tid, oid, sub, preferred_username, name } = user;
    return this.sign({
      aud: this.bot.clientId,
      iss: this.issuer,
      tid,
      oid,
      sub,
      preferred_username,
      name,
      ...(nonce ? { nonce } : {}),
      ver: '2.0',
    });
  }

  /** An app-only Graph access token for `appId` (what client credentials would give). */
  graphTokenForApp(appId: string, roles: readonly string[]): string {
    return this.sign({
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      tid: this.tenantId,
      oid: randomUUID(),
      sub: randomUUID(),
      appid: appId,
      azp: appId,
      appidacr: '1',
      idtyp: 'app',
      roles: [...roles],
      ver: '1.0',
    });
  }

  /** The claims that name a user in every token issued for them. */
  userClaims(user: GraphObject): UserClaims {
    return {
      tid: this.tenantId,
      oid: user.id,
      sub: createHash('sha256').update(`${user.id}:${this.bot.clientId}`).digest('base64url'),
      upn: String(user.userPrincipalName ?? ''),
      unique_name: String(user.userPrincipalName ?? ''),
      preferred_username: String(user.userPrincipalName ?? ''),
      name: String(user.displayName ?? ''),
      given_name: String(user.givenName ?? ''),
      family_name: String(user.surname ?? ''),
    };
  }

  private sign(claims: JwtClaims, lifetimeSeconds = TOKEN_LIFETIME_SECONDS): string {
    const exp = nowSeconds() + lifetimeSeconds;
    // An already expired token (a test's) was issued one lifetime before it expired.
    const iat = Math.min(nowSeconds(), exp - TOKEN_LIFETIME_SECONDS);
    return signJwt({ iat, nbf: iat, exp, uti: randomUUID(), ...claims }, this.privateKey, this.kid);
  }
}

/** The user-naming claims carried from the SSO token into the Graph token. */
export interface UserClaims {
  tid: string;
  oid: string;
  sub: string;
  upn: string;
  unique_name: string;
  preferred_username: string;
  name: string;
  given_name: string;
  family_name: string;
}
