import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { isRecord } from '../http-types';

/**
 * Compact JWTs signed RS256, as Entra ID issues them, with node:crypto only. Decoding checks the
 * shape; verifying checks the signature. Claims (expiry, audience, ...) are the caller's to judge.
 */

export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(claims: JwtClaims, key: KeyObject, kid: string): string {
  const input = `${part({ typ: 'JWT', alg: 'RS256', kid })}.${part(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

function jsonPart(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The token's parts, or `undefined` when it is not a JWT (three parts, JSON header and claims). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerText = '', claimsText = '', signatureText = ''] = parts;
  const header = jsonPart(headerText);
  const claims = jsonPart(claimsText);
  if (!header || !claims) return undefined;
  return {
    header,
    claims,
    signingInput: `${headerText}.${claimsText}`,
    signature: Buffer.from(signatureText, 'base64url'),
  };
}

/** Whether the token was signed RS256 by the private half of `key` (under the `kid` given). */
export function signedBy(jwt: DecodedJwt, key: KeyObject, kid: string): boolean {
  if (jwt.header.alg !== 'RS256' || jwt.header.kid !== kid) return false;
  return createVerify('RSA-SHA256').update(jwt.signingInput).verify(key, jwt.signature);
}

/** Seconds since the epoch, as JWT time claims count. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
