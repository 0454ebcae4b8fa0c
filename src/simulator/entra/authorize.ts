import type { SimulatorState } from '../state';
import type { GraphObject } from '../tenant-data';
import type { EntraAuthority } from './authority';
import type { CodeGrant } from './auth-codes';
import { EntraError, invalidRequest, missingParameter, unknownClient } from './errors';

/**
 * `GET /{tenant}/oauth2/v2.0/authorize`: the simulated sign-in and consent prompt. There is no
 * page: the user is the one `login_hint` names (UPN or object id), signed in at once. With
 * `prompt=consent` (or without a `redirect_uri`) they consent at once to the app using Graph on
 * their behalf; otherwise nothing is consented here, so a user who has not consented (and no
 * admin consent) gets a code whose redemption answers AADSTS65001, as a user whom the tenant
 * keeps from consenting. The answer is the redirect to the registered `redirect_uri` with a
 * single-use `code` (10 minutes, bound to the client, the redirect URI, the user, the scopes and
 * the PKCE challenge) and the `state`, or a small page saying consent was recorded when there is
 * no `redirect_uri`.
 */

export type AuthorizeAnswer =
  { kind: 'redirect'; location: string } | { kind: 'page'; html: string };

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `uri` is registered: exactly, or a loopback one whatever its port (as Entra does). */
export function isRegistered(uri: URL, registered: readonly string[]): boolean {
  return registered.some((r) => {
    const known = new URL(r);
    if (LOOPBACK.has(uri.hostname) && uri.hostname === known.hostname) {
      const { protocol, pathname, search } = uri;
      return protocol === known.protocol && pathname === known.pathname && search === '';
    }
    return uri.href === known.href;
  });
}

function userOf(hint: string, authority: EntraAuthority, state: SimulatorState): GraphObject {
  const wanted = hint.toLowerCase();
  const user = state.tenant.users.find(
    (u) => u.id.toLowerCase() === wanted || String(u.userPrincipalName).toLowerCase() === wanted,
  );
  if (!user) {
    throw new EntraError(
      400,
      'invalid_request',
      50034,
      `The user account ${hint} does not exist in the ${authority.tenantId} directory.`,
    );
  }
  return user;
}

/** The PKCE challenge asked for, checked as Entra checks it (RFC 7636: 43 to 128 characters). */
function challengeOf(query: URLSearchParams): CodeGrant['challenge'] {
  const value = query.get('code_challenge');
  if (value === null) return undefined;
  const method = query.get('code_challenge_method') ?? 'plain';
  if (method !== 'S256' && method !== 'plain') {
    throw invalidRequest(50149, 'Invalid Code_Challenge_method parameter.');
  }
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(value)) {
    throw invalidRequest(501491, 'Invalid size of Code_Challenge parameter.');
  }
  return { value, method };
}

export function authorize(
  query: URLSearchParams,
  authority: EntraAuthority,
  state: SimulatorState,
): AuthorizeAnswer {
  const clientId = query.get('client_id');
  if (!clientId) throw missingParameter('client_id');
  if (clientId.toLowerCase() !== authority.bot.clientId.toLowerCase()) {
    throw unknownClient(clientId, authority.tenantId);
  }
  const hint = query.get('login_hint');
  if (!hint) {
    throw invalidRequest(
      900144,
      "The simulated sign-in has no page: name the user with 'login_hint' (UPN or object id).",
    );
  }
  const user = userOf(hint, authority, state);
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri) {
    state.consents.grant(authority.bot.clientId, user.id);
    const who = escapeHtml(String(user.displayName));
    return {
      kind: 'page',
      html: `<!doctype html><title>Consent recorded</title><p>${who} consented to the app ${escapeHtml(authority.bot.clientId)} using Microsoft Graph on their behalf.</p>`,
    };
  }
  let location: URL;
  try {
    location = new URL(redirectUri);
  } catch {
    throw invalidRequest(50011, `The redirect URI '${redirectUri}' is not a valid URL.`);
  }
  if (!isRegistered(location, authority.bot.redirectUris)) {
    throw invalidRequest(
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${authority.bot.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    );
  }
  const responseType = query.get('response_type') ?? 'code';
  if (responseType !== 'code') {
    throw invalidRequest(
      700054,
      `response_type '${responseType}' is not enabled for the application; the simulated sign-in issues codes only.`,
    );
  }
  const challenge = challengeOf(query);
  if (query.get('prompt') === 'consent') state.consents.grant(authority.bot.clientId, user.id);
  const nonce = query.get('nonce') ?? undefined;
  const code = state.codes.issue({
    clientId: authority.bot.clientId,
    redirectUri,
    userId: user.id,
    scope: query.get('scope') ?? '',
    ...(challenge ? { challenge } : {}),
    ...(nonce ? { nonce } : {}),
  });
  location.searchParams.set('code', code);
  const appState = query.get('state');
  if (appState !== null) location.searchParams.set('state', appState);
  return { kind: 'redirect', location: location.toString() };
}
