import type { CallerIdentity } from './control-types';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from './entra/constants';
import { decodeJwt, nowSeconds } from './entra/jwt';
import { GraphError } from './errors';
import type { SimulatorState } from './state';

/**
 * Who sent a Graph request, from its Authorization header, as Graph's gateway decides it:
 * - no bearer token: 401, as always;
 * - a token that is not a JWT (the development token): the application itself, unchecked;
 * - a JWT: verified with the simulated Entra ID's key (its signature, lifetime, audience and
 *   tenant); a user's delegated token (`scp`) makes the caller that user with those scopes, an
 *   app-only token the application. Any failure is Graph's 401 `InvalidAuthenticationToken`.
 */

export interface Caller {
  identity: CallerIdentity;
  /** The delegated permissions of a user's token (`scp`); empty for the application. */
  scopes: ReadonlySet<string>;
}

const APPLICATION: Caller = { identity: { kind: 'application' }, scopes: new Set() };

const GRAPH_AUDIENCES = new Set([GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID]);

function unauthorized(message: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}

/** The caller of a Graph request, or the 401 Graph answers it with. */
export function authenticate(headers: Record<string, string>, state: SimulatorState): Caller {
  const token = /^Bearer\s+(\S+)/i.exec(headers.authorization ?? '')?.[1];
  if (token === undefined) throw unauthorized('Access token is empty.');
  const jwt = decodeJwt(token);
  if (!jwt) return APPLICATION;
  const entra = state.entra;
  if (!entra) {
    throw unauthorized(
      'Access token validation failure. The token is a JWT, but no simulated Entra ID token service runs to verify it (start the simulator with the entra option).',
    );
  }
  if (!entra.signed(jwt)) throw unauthorized('Access token validation failure. Invalid signature.');
  const { claims } = jwt;
  const now = nowSeconds();
  if (!(Number(claims.exp) > now)) {
    throw unauthorized('Lifetime validation failed, the token is expired.');
  }
  if (Number(claims.nbf ?? 0) > now + 300) {
    throw unauthorized('Lifetime validation failed, the token is not yet valid.');
  }
  if (!GRAPH_AUDIENCES.has(String(claims.aud))) {
    throw unauthorized('Access token validation failure. Invalid audience.');
  }
  if (claims.tid !== entra.tenantId) {
    throw unauthorized('Access token validation failure. Invalid issuer.');
  }
  const appId = String(claims.appid ?? claims.azp ?? '');
  const scp = typeof claims.scp === 'string' ? claims.scp.split(' ').filter((s) => s !== '') : [];
  if (scp.length === 0) {
    return { identity: { kind: 'application', appId }, scopes: new Set() };
  }
  return {
    identity: {
      kind: 'user',
      id: String(claims.oid ?? ''),
      name: String(claims.name ?? ''),
      upn: String(claims.upn ?? claims.preferred_username ?? ''),
    },
    scopes: new Set(scp),
  };
}
