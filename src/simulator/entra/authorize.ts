import { randomBytes } from 'node:crypto';
import type { SimulatorState } from '../state';
import type { EntraAuthority } from './authority';
import { EntraError, invalidRequest, missingParameter, unknownClient } from './errors';

/**
 * `GET /{tenant}/oauth2/v2.0/authorize`: the simulated consent prompt. There is no sign-in page:
 * the user is the one `login_hint` names (UPN or object id), who consents at once to the app
 * using Graph on their behalf. The answer is the redirect to `redirect_uri` with a `code` and the
 * `state`, as after a real prompt (the code cannot be redeemed: the service supports the
 * on-behalf-of grant only), or a small page saying consent was recorded when there is no
 * `redirect_uri`.
 */

export type AuthorizeAnswer =
  { kind: 'redirect'; location: string } | { kind: 'page'; html: string };

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

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
      "The simulated consent prompt has no sign-in page: name the user with 'login_hint' (UPN or object id).",
    );
  }
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
  state.consents.grant(authority.bot.clientId, user.id);
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri) {
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
  location.searchParams.set('code', randomBytes(24).toString('base64url'));
  const appState = query.get('state');
  if (appState !== null) location.searchParams.set('state', appState);
  return { kind: 'redirect', location: location.toString() };
}
