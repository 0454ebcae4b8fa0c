import { EntraError } from './errors';
import type { EntraAuthority } from './authority';
import { decodeJwt, type JwtClaims, nowSeconds } from './jwt';

/**
 * The user assertion of an on-behalf-of request, judged as Entra ID does: a JWT this tenant
 * signed, within its lifetime, issued for the app that presents it (its client id or its
 * Application ID URI) and for this tenant.
 */

const invalidGrant = (aadsts: number, message: string) =>
  new EntraError(400, 'invalid_grant', aadsts, message);

const signatureFailure = (reason: string) =>
  invalidGrant(50013, `Assertion failed signature validation. [Reason - ${reason}]`);

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The assertion's claims, or the `invalid_grant` Entra answers for it. */
export function checkAssertion(assertion: string, authority: EntraAuthority): JwtClaims {
  const jwt = decodeJwt(assertion);
  if (!jwt) throw invalidGrant(50027, 'JWT token is invalid or malformed.');
  if (!authority.signed(jwt)) {
    throw signatureFailure(
      `The key was not found., Thumbprint of key used by client: '${String(jwt.header.kid ?? '')}'`,
    );
  }
  const { claims } = jwt;
  const now = nowSeconds();
  const exp = Number(claims.exp);
  const nbf = Number(claims.nbf ?? claims.iat ?? 0);
  if (!Number.isFinite(exp) || exp <= now || nbf > now + 300) {
    throw invalidGrant(
      500133,
      `Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: ${iso(now)}, expiry time of assertion ${Number.isFinite(exp) ? iso(exp) : 'unknown'}.`,
    );
  }
  const { clientId, appIdUri } = authority.bot;
  if (claims.aud !== clientId && claims.aud !== appIdUri) {
    throw signatureFailure(
      `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${String(claims.aud)}' and the expected audience is '${clientId}' or one of the Application Uris of this application with App ID '${clientId}'.`,
    );
  }
  if (claims.tid !== authority.tenantId) {
    throw signatureFailure(
      `The assertion was issued for tenant '${String(claims.tid)}', not for tenant '${authority.tenantId}'.`,
    );
  }
  return claims;
}
