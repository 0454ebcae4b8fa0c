import {
  ConfidentialClientApplication,
  CryptoProvider,
  type AuthenticationResult,
} from '@azure/msal-node';
import type { Person } from '../domain/request';
import type { WriteIdentity } from '../services/ports/intune';
import { SignInFailed, type OnBehalfOfSettings, type SignInProblem } from './on-behalf-of';
import { trustingNetwork } from './trusting-network';

/** The delegated permission a write as the approver needs, as `sign-in.ts` names it. */
const WRITE_SCOPE = 'DeviceManagementApps.ReadWrite.All';

/** Where an approver signing in outside Teams is sent, and what must come back with the code. */
export interface CodeSignInStart {
  url: string;
  /** The PKCE verifier: kept server-side until the code comes back, never sent to the browser. */
  verifier: string;
}

/** What came back to the redirect URI, and what the sign-in was for. */
export interface CodeRedemption {
  code: string;
  verifier: string;
  redirectUri: string;
  /** The Entra user who must have signed in: their object id and the bot's tenant. */
  user: Person;
}

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : '');

/** The AADSTS code of an MSAL error, told apart as the on-behalf-of exchange tells them. */
function problemOf(error: unknown): SignInProblem {
  const { errorCode, errorMessage, subError } = (error ?? {}) as Record<string, unknown>;
  const text = `${String(errorCode)} ${String(errorMessage)} ${String(subError)}`;
  if (/AADSTS65001|consent_required|AADSTS65004/i.test(text)) return 'consent-required';
  if (/invalid_grant|AADSTS/i.test(text)) return 'token-refused';
  return 'unavailable';
}

/**
 * Writes as the approver when they decide outside Teams (Slack): Entra ID's authorization code
 * flow with PKCE for the bot's own app registration (`client_id` = the bot, a Web redirect URI),
 * asking the delegated write permission with the approver's sign-in name as `login_hint`. The code
 * is redeemed with MSAL's `ConfidentialClientApplication` against the same authority as the
 * on-behalf-of exchange (no instance discovery), the signed-in user is checked to be the one the
 * sign-in was for, and the Graph token is handed to that one write in memory, never stored.
 */
export class AuthorizationCodeSignIn {
  constructor(private readonly settings: OnBehalfOfSettings) {}

  private get scopes(): string[] {
    return [`${new URL(this.settings.graphOrigin).origin}/${WRITE_SCOPE}`];
  }

  async start(request: {
    redirectUri: string;
    state: string;
    loginHint?: string;
  }): Promise<CodeSignInStart> {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const { settings } = this;
    const url = new URL(
      `${settings.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/authorize`,
    );
    url.search = new URLSearchParams({
      client_id: settings.clientId,
      response_type: 'code',
      redirect_uri: request.redirectUri,
      response_mode: 'query',
      scope: [...this.scopes, 'openid', 'profile', 'offline_access'].join(' '),
      state: request.state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    }).toString();
    return { url: url.toString(), verifier };
  }

  /** The approver's identity for the write, or `SignInFailed` (someone else: `other-user`). */
  async redeem(redemption: CodeRedemption): Promise<WriteIdentity> {
    const { settings } = this;
    const host = settings.authorityHost.replace(/\/+$/, '');
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        authority: `${host}/${settings.tenantId}`,
        // The authority is the one configured; nothing is looked up elsewhere first.
        knownAuthorities: [new URL(host).host],
      },
      system: settings.caPem
        ? { networkClient: trustingNetwork(settings.caPem, settings.timeoutMs ?? 5000) }
        : {},
    });
    let result: AuthenticationResult;
    try {
      result = await app.acquireTokenByCode({
        code: redemption.code,
        codeVerifier: redemption.verifier,
        redirectUri: redemption.redirectUri,
        scopes: this.scopes,
      });
    } catch (error) {
      throw new SignInFailed(problemOf(error), MESSAGES[problemOf(error)]);
    }
    const claims = result.idTokenClaims as Record<string, unknown>;
    if (
      lower(claims.oid) !== redemption.user.id.toLowerCase() ||
      lower(claims.tid) !== settings.tenantId.toLowerCase()
    ) {
      throw new SignInFailed('other-user', MESSAGES['other-user']);
    }
    const token = result.accessToken;
    const expires = result.expiresOn?.getTime() ?? 0;
    return {
      user: redemption.user,
      token: async () => {
        if (Date.now() >= expires)
          throw new SignInFailed('token-refused', MESSAGES['token-refused']);
        return token;
      },
    };
  }
}

const MESSAGES: Record<SignInProblem, string> = {
  'consent-required':
    'You have not yet allowed the bot to change Intune for you, so nothing was approved.',
  'token-refused':
    'Entra ID did not accept this sign-in (it may be used or expired); click Approve again for a new link.',
  'other-user':
    'Someone other than the approver signed in, so nothing was approved; sign in as yourself from a new link.',
  unavailable:
    'Entra ID did not answer the sign-in in time, so nothing was approved; try again in a moment.',
};
