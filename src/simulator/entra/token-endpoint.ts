import type { SimulatorState } from '../state';
import { checkAssertion } from './assertion';
import type { EntraAuthority, UserClaims } from './authority';
import { GRAPH_APP_ID, GRAPH_RESOURCE, TOKEN_LIFETIME_SECONDS } from './constants';
import { EntraError, invalidRequest, missingParameter, unknownClient } from './errors';

/**
 * `POST /{tenant}/oauth2/v2.0/token` for the bot app: the on-behalf-of grant (`jwt-bearer` with
 * `requested_token_use=on_behalf_of`) and the authorization code grant (with PKCE). In order, as
 * Entra ID answers: grant type, client, client secret, the grant (assertion or code), scopes,
 * consent; then a Graph token for the user with the bot's delegated permissions.
 */

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const GRAPH_PREFIXES = [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`];

export interface TokenSuccess {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  id_token?: string;
  client_info?: string;
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === '') throw missingParameter(name);
  return value;
}

function checkClient(form: URLSearchParams, authority: EntraAuthority): void {
  const clientId = required(form, 'client_id');
  if (clientId.toLowerCase() !== authority.bot.clientId.toLowerCase()) {
    throw unknownClient(clientId, authority.tenantId);
  }
  const secret = form.get('client_secret');
  if (!secret) {
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  if (secret !== authority.bot.clientSecret) {
    throw new EntraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${authority.bot.clientId}'.`,
    );
  }
}

/** The Graph permissions asked for: all the app has for `.default`, else those named. */
function requestedPermissions(scope: string, authority: EntraAuthority): string[] {
  const asked = scope.split(' ').filter((s) => s !== '' && !OIDC_SCOPES.has(s.toLowerCase()));
  if (asked.length === 0) {
    throw new EntraError(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' names no resource.`,
    );
  }
  const names = asked.map((s) => {
    const prefix = GRAPH_PREFIXES.find((p) => s.toLowerCase().startsWith(p.toLowerCase()));
    if (!prefix) {
      throw new EntraError(
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope '${s}' is not valid: this tenant issues tokens for Microsoft Graph only.`,
      );
    }
    return s.slice(prefix.length);
  });
  if (names.some((n) => n === '.default')) return [...authority.delegatedPermissions];
  const known = new Map(authority.delegatedPermissions.map((p) => [p.toLowerCase(), p]));
  const missing = names.filter((n) => !known.has(n.toLowerCase()));
  if (missing.length > 0) throw consentRequired(authority);
  return names.map((n) => known.get(n.toLowerCase()) as string);
}

function consentRequired(authority: EntraAuthority): EntraError {
  return new EntraError(
    400,
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application with ID '${authority.bot.clientId}' named 'Intune assignment approvals bot'. Send an interactive authorization request for this user and resource.`,
    'consent_required',
  );
}

function userOf(
  claims: { oid?: unknown },
  state: SimulatorState,
  authority: EntraAuthority,
): UserClaims {
  const user = state.tenant.users.find((u) => u.id === claims.oid);
  if (!user) {
    throw new EntraError(
      400,
      'invalid_grant',
      50034,
      `The user account ${String(claims.oid)} does not exist in the ${authority.tenantId} directory. To sign into this application, the account must be added to the directory.`,
    );
  }
  return authority.userClaims(user);
}

/** The token answer for a user: a Graph access token with `permissions`, and the extras asked. */
function tokensFor(
  user: UserClaims,
  permissions: string[],
  authority: EntraAuthority,
  extras: { idToken?: string; clientInfo?: boolean } = {},
): TokenSuccess {
  return {
    token_type: 'Bearer',
    scope: permissions.map((p) => `${GRAPH_RESOURCE}/${p}`).join(' '),
    expires_in: TOKEN_LIFETIME_SECONDS - 1,
    ext_expires_in: TOKEN_LIFETIME_SECONDS - 1,
    access_token: authority.graphTokenForUser(user, authority.bot.clientId, permissions),
    ...(extras.idToken ? { id_token: extras.idToken } : {}),
    ...(extras.clientInfo
      ? {
          client_info: Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tid })).toString(
            'base64url',
          ),
        }
      : {}),
  };
}

function checkConsent(user: UserClaims, authority: EntraAuthority, state: SimulatorState): void {
  if (!state.settings.adminConsent && !state.consents.has(authority.bot.clientId, user.oid)) {
    throw consentRequired(authority);
  }
}

/** `jwt-bearer` with `requested_token_use=on_behalf_of`: Teams' SSO token for a Graph token. */
function onBehalfOf(
  form: URLSearchParams,
  authority: EntraAuthority,
  state: SimulatorState,
): TokenSuccess {
  if (required(form, 'requested_token_use') !== 'on_behalf_of') {
    throw invalidRequest(
      50027,
      "The jwt-bearer grant is supported with requested_token_use 'on_behalf_of' only.",
    );
  }
  const claims = checkAssertion(required(form, 'assertion'), authority);
  const permissions = requestedPermissions(required(form, 'scope'), authority);
  const user = userOf(claims, state, authority);
  checkConsent(user, authority, state);
  return tokensFor(user, permissions, authority);
}

/**
 * `authorization_code`: the code `/authorize` issued, redeemed once with its redirect URI and
 * PKCE verifier. The Graph token has the scopes asked for (those of the code when the form names
 * none); an ID token comes with `openid`, and `client_info` when asked, as MSAL asks.
 */
function authorizationCode(
  form: URLSearchParams,
  authority: EntraAuthority,
  state: SimulatorState,
): TokenSuccess {
  const grant = state.codes.redeem(required(form, 'code'), {
    clientId: authority.bot.clientId,
    redirectUri: required(form, 'redirect_uri'),
    verifier: form.get('code_verifier') ?? undefined,
  });
  const scope = form.get('scope') || grant.scope;
  const permissions = requestedPermissions(scope, authority);
  const user = userOf({ oid: grant.userId }, state, authority);
  checkConsent(user, authority, state);
  const openid = scope.split(' ').some((s) => s.toLowerCase() === 'openid');
  return tokensFor(user, permissions, authority, {
    idToken: openid ? authority.idToken(user, grant.nonce) : undefined,
    clientInfo: form.get('client_info') === '1',
  });
}

const GRANTS: Record<
  string,
  (form: URLSearchParams, authority: EntraAuthority, state: SimulatorState) => TokenSuccess
> = { [JWT_BEARER]: onBehalfOf, authorization_code: authorizationCode };

/** Answers a token request's form, or throws the `EntraError` Entra answers with. */
export function exchangeToken(
  form: URLSearchParams,
  authority: EntraAuthority,
  state: SimulatorState,
): TokenSuccess {
  const grantType = required(form, 'grant_type');
  const grant = GRANTS[grantType];
  if (!grant) {
    throw new EntraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'. The simulated token service supports the on-behalf-of flow (${JWT_BEARER}) and authorization codes only.`,
    );
  }
  checkClient(form, authority);
  return grant(form, authority, state);
}
