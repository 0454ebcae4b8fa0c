import { request } from 'node:https';
import {
  type AuthorityValidationOptions,
  type MultiTenantTokenCredentialOptions,
  OnBehalfOfCredential,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';
import type { EntraHandle, SimulatorHandle } from '../../src/simulator/server';

/**
 * What the simulated Entra ID tests share: HTTPS calls that trust the service's self-signed
 * certificate, the real `OnBehalfOfCredential` pointed at it, and token claims read back.
 */

export interface EntraAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body as JSON, or `{}` when it is not JSON. */
  body: Record<string, unknown>;
}

/** One request to the token service over HTTPS, trusting only its own certificate. */
export function entraCall(
  entra: EntraHandle,
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<EntraAnswer> {
  const payload = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${entra.url}${path}`,
      {
        method,
        ca: entra.caPem,
        headers: payload ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            body = {};
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The on-behalf-of form the bot would post for `assertion` (secret and scope overridable). */
export function oboForm(
  entra: EntraHandle,
  assertion: string,
  more: Record<string, string> = {},
): Record<string, string> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    client_id: entra.bot.clientId,
    client_secret: entra.bot.clientSecret,
    assertion,
    scope: 'https://graph.microsoft.com/.default',
    ...more,
  };
}

/** A Graph token for a user of the tenant, exchanged on their behalf at the token endpoint. */
export async function delegatedToken(sim: SimulatorHandle, userId: string): Promise<string> {
  const entra = sim.entra as EntraHandle;
  const assertion = sim.control.teamsToken(userId);
  const answer = await entraCall(entra, 'POST', tokenPath(entra), oboForm(entra, assertion));
  if (answer.status !== 200) throw new Error(`No token for ${userId}: ${answer.text}`);
  return String(answer.body.access_token);
}

export const tokenPath = (entra: EntraHandle) => `/${entra.tenantId}/oauth2/v2.0/token`;

/**
 * The real `OnBehalfOfCredential` of @azure/identity, pointed at the simulated Entra ID.
 * `disableInstanceDiscovery` is required (MSAL would otherwise ask login.microsoftonline.com and
 * fail with `endpoints_resolution_error`); the credential honours it, but its constructor's types
 * in 4.13 do not list it, hence the options typed apart.
 */
export function oboCredential(
  entra: EntraHandle,
  assertion: string,
  clientSecret = entra.bot.clientSecret,
): OnBehalfOfCredential {
  const options: OnBehalfOfCredentialSecretOptions &
    MultiTenantTokenCredentialOptions &
    AuthorityValidationOptions = {
    tenantId: entra.tenantId,
    clientId: entra.bot.clientId,
    clientSecret,
    userAssertionToken: assertion,
    authorityHost: entra.url,
    disableInstanceDiscovery: true,
    additionalPolicies: [
      {
        position: 'perCall',
        policy: {
          name: 'simulated-entra-ca',
          sendRequest: (req, next) => {
            req.tlsSettings = { ca: entra.caPem };
            return next(req);
          },
        },
      },
    ],
  };
  return new OnBehalfOfCredential(options);
}

/** A JWT's claims, unverified (for assertions on what a token says). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
