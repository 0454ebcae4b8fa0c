import type { FaultSpec } from './control-types';
import { badRequest, GraphError } from './errors';
import { isRecord } from './http-types';

/**
 * Injected faults: matching Graph requests get a status (429, 503, 504, ...) and/or added latency,
 * for `times` requests or until cleared. A request answered by a fault is never applied.
 */

/** What a request draws from the fault list: latency to add and an answer to give instead. */
export interface FaultOutcome {
  latencyMs: number;
  error?: GraphError;
}

interface ActiveFault {
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
  skipping: number;
}

const CODES: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'Too many requests. Please retry after the time given in Retry-After.'],
  500: ['InternalServerError', 'An internal server error occurred.'],
  502: ['BadGateway', 'Bad gateway.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
  504: ['GatewayTimeout', 'The gateway timed out while waiting for the service.'],
};

/** Checks a fault posted to the control API; every problem is a 400. */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (!isRecord(value) || typeof value.path !== 'string') {
    throw badRequest('A fault needs at least a "path" (regular expression source).');
  }
  try {
    new RegExp(value.path, 'i');
  } catch {
    throw badRequest(`The fault path '${value.path}' is not a valid regular expression.`);
  }
  const int = (key: string, min: number, max: number): number | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw badRequest(`The fault's "${key}" must be an integer from ${min} to ${max}.`);
    }
    return v;
  };
  for (const key of ['code', 'message']) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      throw badRequest(`The fault's "${key}" must be a string.`);
    }
  }
  if (value.method !== undefined && typeof value.method !== 'string') {
    throw badRequest('The fault\'s "method" must be a string such as "GET" or "*".');
  }
  const spec: FaultSpec = {
    method: value.method,
    path: value.path,
    status: int('status', 400, 599),
    retryAfter: int('retryAfter', 0, 86400),
    times: int('times', 1, 1_000_000),
    skip: int('skip', 0, 1_000_000),
    latencyMs: int('latencyMs', 0, 120_000),
    code: value.code as string | undefined,
    message: value.message as string | undefined,
  };
  if (spec.status === undefined && spec.latencyMs === undefined) {
    throw badRequest('A fault needs a "status", a "latencyMs", or both.');
  }
  return spec;
}

export class FaultStore {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    // Case-insensitive, like Graph's own path matching.
    const pattern = new RegExp(spec.path, 'i');
    this.faults.push({
      spec,
      pattern,
      remaining: spec.times ?? Infinity,
      skipping: spec.skip ?? 0,
    });
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => f.spec);
  }

  /**
   * Consumes the faults a request matches: every matching latency adds up; the first matching
   * status answers (later status faults are not consumed).
   */
  take(method: string, path: string): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0 };
    for (const fault of this.faults) {
      const m = fault.spec.method ?? '*';
      if (m !== '*' && m.toUpperCase() !== method) continue;
      if (!fault.pattern.test(path)) continue;
      if (fault.skipping > 0) {
        fault.skipping -= 1;
        continue;
      }
      if (fault.spec.status !== undefined && outcome.error) continue;
      fault.remaining--;
      outcome.latencyMs += fault.spec.latencyMs ?? 0;
      if (fault.spec.status !== undefined) outcome.error = faultError(fault.spec);
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return outcome;
  }
}

function faultError(spec: FaultSpec): GraphError {
  const status = spec.status ?? 503;
  const [defaultCode, defaultMessage] = CODES[status] ?? [
    'InjectedFault',
    `Injected fault (${status}).`,
  ];
  const code = spec.code ?? defaultCode;
  const message = spec.message ?? defaultMessage;
  const headers: Record<string, string> =
    spec.retryAfter === undefined ? {} : { 'Retry-After': String(spec.retryAfter) };
  return new GraphError(status, code, message, headers);
}
