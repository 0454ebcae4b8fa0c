import { randomUUID } from 'node:crypto';
import type { SimulatorState } from '../state';
import type { EntraAuthority } from './authority';
import { authorize } from './authorize';
import { EntraError, entraErrorBody, invalidRequest, unknownTenant } from './errors';
import { instanceDiscovery, openIdConfiguration } from './metadata';
import { exchangeToken } from './token-endpoint';

/**
 * One request to the simulated Entra ID token service, independent of the HTTPS server:
 * discovery, keys, the token endpoint and the consent prompt, each under its tenant segment.
 * Errors answer in Entra's JSON shape; this function never throws.
 */

export interface EntraRequest {
  method: string;
  /** Path and query as received, starting with `/`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface EntraResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Tenant segments that name no tenant but are accepted for discovery, as Entra does. */
const MULTI_TENANT = new Set(['common', 'organizations']);

const json = (body: unknown, status = 200): EntraResponse => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

function route(
  request: EntraRequest,
  url: URL,
  authority: EntraAuthority,
  state: SimulatorState,
): EntraResponse {
  const [tenant = '', ...rest] = url.pathname.split('/').slice(1);
  const path = rest.join('/');
  const key = `${request.method} ${path}`;
  const known = authority.isTenant(tenant);
  if (key === 'GET discovery/instance' && tenant === 'common') {
    return json(instanceDiscovery(authority));
  }
  if (!known && !(MULTI_TENANT.has(tenant) && request.method === 'GET')) {
    throw unknownTenant(tenant);
  }
  switch (key) {
    case 'GET v2.0/.well-known/openid-configuration':
      return json(openIdConfiguration(authority));
    case 'GET discovery/v2.0/keys':
      return json(authority.jwks());
    case 'GET oauth2/v2.0/authorize': {
      if (!known) throw unknownTenant(tenant);
      const answer = authorize(url.searchParams, authority, state);
      return answer.kind === 'redirect'
        ? { status: 302, headers: { Location: answer.location }, body: '' }
        : {
            status: 200,
            headers: { 'Content-Type': 'text/html; charset=utf-8' },
            body: answer.html,
          };
    }
    case 'POST oauth2/v2.0/token': {
      const type = String(request.headers['content-type'] ?? '');
      if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
        throw invalidRequest(900144, 'The request body must be application/x-www-form-urlencoded.');
      }
      const form = new URLSearchParams(request.body.toString('utf8'));
      return json(exchangeToken(form, authority, state));
    }
  }
  throw new EntraError(
    404,
    'invalid_request',
    900561,
    `The endpoint ${request.method} /${tenant}/${path} does not exist in the simulated token service.`,
  );
}

export function answerEntra(
  request: EntraRequest,
  authority: EntraAuthority,
  state: SimulatorState,
): EntraResponse {
  const url = new URL(`https://entra${request.url}`);
  const header = request.headers['client-request-id'];
  const correlationId =
    (typeof header === 'string' ? header : undefined) ??
    url.searchParams.get('client-request-id') ??
    randomUUID();
  try {
    return route(request, url, authority, state);
  } catch (error) {
    const entra =
      error instanceof EntraError
        ? error
        : new EntraError(500, 'server_error', 90033, `Simulated service error: ${String(error)}`);
    return json(entraErrorBody(entra, correlationId), entra.status);
  }
}
