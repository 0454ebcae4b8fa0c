import { randomUUID } from 'node:crypto';

/**
 * Entra ID's OAuth error answers: `{error, error_description: 'AADSTSnnnn: ... Trace ID: ...
 * Correlation ID: ... Timestamp: ...', error_codes, timestamp, trace_id, correlation_id, ...}`.
 */

/** An error answer of the token service: status, OAuth error, AADSTS code and message. */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    message: string,
    readonly suberror?: string,
  ) {
    super(message);
    this.name = 'EntraError';
  }
}

/** Entra writes timestamps as `2026-05-01 12:00:00Z`. */
const entraTimestamp = (now = new Date()) => `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;

/** The JSON body of an error answer, in Entra's shape. */
export function entraErrorBody(error: EntraError, correlationId: string = randomUUID()): object {
  const traceId = randomUUID();
  const timestamp = entraTimestamp();
  return {
    error: error.error,
    error_description: `AADSTS${error.aadsts}: ${error.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
    ...(error.suberror ? { suberror: error.suberror } : {}),
  };
}

export function invalidRequest(aadsts: number, message: string): EntraError {
  return new EntraError(400, 'invalid_request', aadsts, message);
}

/** AADSTS900144: a required form parameter is missing. */
export function missingParameter(name: string): EntraError {
  return invalidRequest(
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );
}

/** AADSTS90002: the authority's tenant segment names no tenant. */
export function unknownTenant(tenant: string): EntraError {
  return new EntraError(
    400,
    'invalid_tenant',
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

/** AADSTS700016: the client id names no app in the tenant. */
export function unknownClient(clientId: string, tenantId: string): EntraError {
  return new EntraError(
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );
}
