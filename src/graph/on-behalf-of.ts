import {
  OnBehalfOfCredential,
  type GetTokenOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';
import type { Person } from '../domain/request';
import type { WriteIdentity } from '../services/ports/intune';

/** How the bot exchanges an approver's Teams sign-in for a Graph token on their behalf. */
export interface OnBehalfOfSettings {
  /** The directory (tenant) id. */
  tenantId: string;
  /** The bot's Entra app: the audience of the Teams single sign-on token. */
  clientId: string;
  clientSecret: string;
  /** Entra's host, e.g. `https://login.microsoftonline.com` (the simulated one on loopback). */
  authorityHost: string;
  /** Graph's origin: the scope asked for is `<origin>/.default`. */
  graphOrigin: string;
  /**
   * A certificate authority to trust for the authority host, beside the system's: only the
   * simulated Entra's self-signed one, in local mode.
   */
  caPem?: string;
  /** How long one exchange may take (it runs inside the Approve invoke). */
  timeoutMs?: number;
}

/** Why an exchange failed, as the bot answers it to Teams. */
export type SignInProblem =
  /** The user (or an admin) has not consented to the bot acting for them: sign in to consent. */
  | 'consent-required'
  /** The token is not the user's, has expired, or Entra refused it: Teams must sign in again. */
  | 'token-refused'
  /** Someone other than the user the sign-in was for signed in (outside Teams). */
  | 'other-user'
  /** Entra could not be reached or answered otherwise: try again. */
  | 'unavailable';

export class SignInFailed extends Error {
  constructor(
    readonly problem: SignInProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SignInFailed';
  }
}

/** The claims of a JWT, decoded without checking its signature (Entra checks it in the exchange). */
function claimsOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);

/** Trusts one more certificate authority for the credential's calls to the authority host. */
type PipelinePolicy = NonNullable<
  MultiTenantTokenCredentialOptions['additionalPolicies']
>[number]['policy'];

/** `disableInstanceDiscovery` reaches MSAL for this credential too, though its type omits it. */
type CredentialOptions = OnBehalfOfCredentialSecretOptions &
  MultiTenantTokenCredentialOptions & { disableInstanceDiscovery?: boolean };

function trusting(caPem: string): PipelinePolicy {
  return {
    name: 'trust-simulated-entra',
    sendRequest: (request, next) => {
      request.tlsSettings = { ...request.tlsSettings, ca: caPem };
      return next(request);
    },
  };
}

/** The AADSTS codes and words of an identity error, to tell consent from a refused token. */
function problemOf(error: unknown): SignInProblem {
  const response = (error as { errorResponse?: { errorDescription?: string; error?: string } })
    .errorResponse;
  const text = `${error instanceof Error ? error.message : String(error)} ${response?.error ?? ''} ${response?.errorDescription ?? ''}`;
  if (/AADSTS65001|consent_required|AADSTS65004/i.test(text)) return 'consent-required';
  if (/invalid_grant|AADSTS50013|AADSTS500133|AADSTS50173|interaction_required/i.test(text)) {
    return 'token-refused';
  }
  return 'unavailable';
}

/**
 * The approver's identity for a write that runs as them: Teams' single sign-on token, checked to
 * be the clicking user's own, exchanged on their behalf (`OnBehalfOfCredential`) for a Graph token
 * once in the invoke, so that a missing consent or a refused token is answered at once. The
 * credential stays in memory for that write (and a replay after Multi Admin Approval) and is never
 * stored or logged.
 */
export class OnBehalfOfExchange {
  constructor(private readonly settings: OnBehalfOfSettings) {}

  async identityFor(ssoToken: string, user: Person): Promise<WriteIdentity> {
    const claims = claimsOf(ssoToken);
    if (claims === undefined || lower(claims.oid) !== user.id.toLowerCase()) {
      throw new SignInFailed(
        'token-refused',
        "The sign-in token Teams sent is not the signed-in user's own.",
      );
    }
    const { settings } = this;
    const options: CredentialOptions = {
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      userAssertionToken: ssoToken,
      authorityHost: settings.authorityHost,
      // The authority is the one configured; nothing is looked up elsewhere first.
      disableInstanceDiscovery: true,
      additionalPolicies: settings.caPem
        ? [{ position: 'perCall', policy: trusting(settings.caPem) }]
        : undefined,
    };
    const credential = new OnBehalfOfCredential(options);
    const scope = `${new URL(settings.graphOrigin).origin}/.default`;
    const get = async (options?: GetTokenOptions) => {
      const token = await credential.getToken(scope, options);
      if (!token) throw new SignInFailed('unavailable', 'Entra ID returned no token.');
      return token.token;
    };
    try {
      await get({ abortSignal: AbortSignal.timeout(settings.timeoutMs ?? 3000) });
    } catch (error) {
      if (error instanceof SignInFailed) throw error;
      const problem = problemOf(error);
      throw new SignInFailed(problem, MESSAGES[problem]);
    }
    return { user, token: () => get() };
  }
}

const MESSAGES: Record<SignInProblem, string> = {
  'consent-required':
    'You have not yet allowed the bot to change Intune for you: sign in and accept, then approve again.',
  'token-refused': 'Your sign-in could not be used (it may have expired): sign in again.',
  'other-user': "The sign-in token Teams sent is not the signed-in user's own.",
  unavailable:
    'Entra ID did not answer the sign-in in time, so nothing was approved; try again in a moment.',
};
