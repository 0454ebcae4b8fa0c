import { createHash, randomBytes } from 'node:crypto';
import { CODE_LIFETIME_SECONDS } from './constants';
import { EntraError } from './errors';

/** What an authorization code was issued for, and how it must be redeemed. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  userId: string;
  /** The scopes asked for at `/authorize`, as asked. */
  scope: string;
  /** The PKCE challenge and its method (`S256` or `plain`), when the app sent one. */
  challenge?: { value: string; method: 'S256' | 'plain' };
  nonce?: string;
}

interface Issued extends CodeGrant {
  expiresAt: number;
  redeemed: boolean;
}

const invalidGrant = (aadsts: number, message: string) =>
  new EntraError(400, 'invalid_grant', aadsts, message);

/** The PKCE challenge of a verifier, as RFC 7636 computes it. */
export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * Authorization codes, as Entra ID treats them: random, redeemable once, within 10 minutes, by
 * the client they were issued to, with the same redirect URI and the PKCE verifier of the
 * challenge. A redeemed code is remembered until it would have expired, to say so.
 */
export class AuthCodeStore {
  private readonly codes = new Map<string, Issued>();

  issue(grant: CodeGrant, now = Date.now()): string {
    for (const [code, issued] of this.codes) {
      if (issued.expiresAt <= now) this.codes.delete(code);
    }
    const code = randomBytes(48).toString('base64url');
    this.codes.set(code, {
      ...grant,
      expiresAt: now + CODE_LIFETIME_SECONDS * 1000,
      redeemed: false,
    });
    return code;
  }

  /** The code's grant, spent; or the `invalid_grant` Entra answers for it. */
  redeem(
    code: string,
    form: { clientId: string; redirectUri: string; verifier?: string },
    now = Date.now(),
  ): CodeGrant {
    const issued = this.codes.get(code);
    if (!issued || issued.clientId.toLowerCase() !== form.clientId.toLowerCase()) {
      throw invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.');
    }
    if (issued.redeemed) {
      throw invalidGrant(
        54005,
        'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      );
    }
    issued.redeemed = true;
    if (issued.expiresAt <= now) {
      throw invalidGrant(
        70008,
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      );
    }
    if (form.redirectUri !== issued.redirectUri) {
      throw invalidGrant(
        500112,
        `The reply address '${form.redirectUri}' does not match the reply address '${issued.redirectUri}' provided when requesting Authorization code.`,
      );
    }
    const { challenge } = issued;
    if (challenge) {
      if (!form.verifier) {
        throw invalidGrant(
          50148,
          'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
        );
      }
      const computed = challenge.method === 'S256' ? s256(form.verifier) : form.verifier;
      if (computed !== challenge.value) {
        throw invalidGrant(
          501481,
          'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
        );
      }
    }
    const { clientId, redirectUri, userId, scope, nonce } = issued;
    return { clientId, redirectUri, userId, scope, challenge, nonce };
  }

  /** Ages every code by `seconds` (tests of an expired code). */
  age(seconds: number): void {
    for (const issued of this.codes.values()) issued.expiresAt -= seconds * 1000;
  }

  clear(): void {
    this.codes.clear();
  }
}
