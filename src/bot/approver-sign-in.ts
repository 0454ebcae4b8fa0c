import { randomUUID } from 'node:crypto';
import type { Person } from '../domain/request';
import type { WriteIdentity } from '../services/ports/intune';
import type { Answer, LoginRequest } from './replies';

/** The part of the Graph layer that signs an approver in (see `src/graph/sign-in.ts`). */
export interface SignInPort {
  ssoApp(): Promise<{ appIdUri: string }>;
  exchange(ssoToken: string, user: Person): Promise<WriteIdentity>;
}

export interface ApproverSignInOptions {
  port: SignInPort;
  /** The Azure Bot's OAuth connection, named in the sign-in request when one is set up. */
  connectionName?: string;
  /** The bot's consent page for this user (`/auth/consent`), the sign-in button's target. */
  consentPage: (user: Person) => string;
}

/** What an exchange failure is, told apart without importing the Graph layer. */
function problemOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const problem = (error as { problem?: unknown }).problem;
  return typeof problem === 'string' ? problem : undefined;
}

const SIGN_IN_TEXT = 'Sign in so that your approval writes to Intune as you';

/**
 * Writes as the approver, at the click: the Approve (or Retry) invoke must carry the approver's
 * Teams single sign-on token (`value.authentication.token`). Without one the answer is Teams' sign-in
 * request and Teams sends the invoke again with the token; with one it is exchanged on the user's
 * behalf there and then, so that consent missing or a refused token is answered in the card and
 * nothing changes. The identity is handed to the write, never stored.
 */
export class ApproverSignIn {
  constructor(private readonly options: ApproverSignInOptions) {}

  /** The approver's identity for the write, or the answer that asks them to sign in. */
  async identity(
    ssoToken: string | undefined,
    user: Person,
  ): Promise<{ identity: WriteIdentity } | { answer: Answer }> {
    if (!ssoToken) return { answer: await this.loginRequest(user, true) };
    try {
      return { identity: await this.options.port.exchange(ssoToken, user) };
    } catch (error) {
      const problem = problemOf(error);
      const message = error instanceof Error ? error.message : String(error);
      if (problem === 'consent-required') {
        // A second sign-in request without single sign-on: the button leads to the consent prompt.
        return { answer: await this.loginRequest(user, false, message) };
      }
      if (problem === 'token-refused') {
        return { answer: { refusal: { code: 'sign-in-required', message, tokenRefused: true } } };
      }
      return { answer: { refusal: { code: 'graph-unavailable', message } } };
    }
  }

  private async loginRequest(user: Person, sso: boolean, message?: string): Promise<Answer> {
    const text = message ?? `${SIGN_IN_TEXT}.`;
    let signIn: LoginRequest;
    try {
      const { appIdUri } = await this.options.port.ssoApp();
      signIn = {
        text,
        ...(this.options.connectionName ? { connectionName: this.options.connectionName } : {}),
        ...(sso ? { tokenExchangeResource: { id: randomUUID(), uri: appIdUri } } : {}),
        buttons: [
          {
            type: 'signin',
            title: 'Sign in',
            text: 'Sign in',
            value: this.options.consentPage(user),
          },
        ],
      };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { refusal: { code: 'setup-invalid', message: why } };
    }
    return { refusal: { code: 'sign-in-required', message: text, signIn } };
  }
}
