import type { FaultSpec, RecordedWrite, SimulatorSettings } from './control-types';
import { badRequest, GraphError } from './errors';
import { createEntraControl, type EntraControl, handleEntraControl } from './entra/control';
import { parseFaultSpec } from './faults';
import { isRecord, noContent, ok, type SimResponse } from './http-types';
import type { ApprovalDecision, ApprovalRecord } from './maa';
import { createRbacControl, handleRbacControl, type RbacControl } from './rbac/control';
import type { RecordedRequest, SimulatorState } from './state';
import type { TenantData } from './tenant-data';
import type { ThrottledRequest } from './throttling';

/**
 * The simulator's control surface, in process (`SimulatorControl`) and over HTTP (`/_sim/...`):
 * both call the same functions. It exists only in the simulator, never in Graph.
 */

export interface SimulatorControl extends EntraControl, RbacControl {
  /**
   * Restores the starting tenant (Intune role assignments included) and settings; clears writes,
   * requests, faults, approvals and users' consents.
   */
  reset(): void;
  writes(): RecordedWrite[];
  clearWrites(): void;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Changes some switches; answers the settings now in force. */
  settings(changes: Partial<SimulatorSettings>): SimulatorSettings;
  /** Multi Admin Approval requests with the write each holds. */
  approvalRequests(): ApprovalRecord[];
  /** An Intune admin's decision; only a request that needs approval can be decided. */
  decideApproval(code: string, decision: ApprovalDecision): ApprovalRecord;
  /** The live tenant, for assertions. Treat it as read-only. */
  tenant(): TenantData;
  /** Every Graph request received (control requests excluded), bearer tokens redacted. */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** Every request answered 429 by the throttling limits (oldest first). */
  throttled(): ThrottledRequest[];
  clearThrottled(): void;
}

const SETTING_CHECKS: Record<keyof SimulatorSettings, (v: unknown) => boolean> = {
  multiAdminApproval: (v) => typeof v === 'boolean',
  approvalRequiredStatus: (v) => v === 403 || v === 412,
  plainConfigAssignFails: (v) => typeof v === 'boolean',
  throttling: (v) => typeof v === 'boolean',
  appPermission: (v) => v === 'ReadWrite' || v === 'Read',
  adminConsent: (v) => typeof v === 'boolean',
};

function parseSettings(value: unknown): Partial<SimulatorSettings> {
  if (!isRecord(value)) throw badRequest('Settings must be a JSON object.');
  for (const [key, v] of Object.entries(value)) {
    const check = SETTING_CHECKS[key as keyof SimulatorSettings] as
      ((x: unknown) => boolean) | undefined;
    if (!check) throw badRequest(`Unknown setting '${key}'.`);
    if (!check(v)) throw badRequest(`Invalid value for setting '${key}': ${JSON.stringify(v)}.`);
  }
  return value as Partial<SimulatorSettings>;
}

export function createControl(state: SimulatorState): SimulatorControl {
  return {
    reset: () => state.reset(),
    writes: () => state.writes(),
    clearWrites: () => state.clearWrites(),
    addFault: (fault) => state.faults.add(parseFaultSpec(fault)),
    clearFaults: () => state.faults.clear(),
    settings: (changes) => {
      state.settings = { ...state.settings, ...parseSettings(changes) };
      return { ...state.settings };
    },
    approvalRequests: () => structuredClone(state.approvals.list()),
    decideApproval: (code, decision) => structuredClone(state.approvals.decide(code, decision)),
    tenant: () => state.tenant,
    requests: () => state.requests(),
    clearRequests: () => state.clearRequests(),
    throttled: () => state.throttle.throttled(),
    clearThrottled: () => state.throttle.clearThrottled(),
    ...createEntraControl(state),
    ...createRbacControl(state),
  };
}

function jsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw badRequest('The control request body is not valid JSON.');
  }
}

/** `/_sim/...` over HTTP; `segments` are the path segments after `_sim`. */
export function handleControl(
  method: string,
  segments: string[],
  body: Buffer,
  state: SimulatorState,
): SimResponse {
  const [resource = '', code, verb] = segments;
  const area =
    resource === 'entra' ? handleEntraControl : resource === 'intune' ? handleRbacControl : null;
  const delegated = area?.(method, segments.slice(1), jsonBody(body), state);
  if (delegated) return delegated;
  const control = createControl(state);
  const key = `${method} ${resource}${segments.length > 1 ? '/*' : ''}`;
  switch (key) {
    case 'POST reset':
      control.reset();
      return noContent();
    case 'GET writes':
      return ok({ value: control.writes() });
    case 'DELETE writes':
      control.clearWrites();
      return noContent();
    case 'GET faults':
      return ok({ value: state.faults.list() });
    case 'POST faults':
      control.addFault(jsonBody(body) as FaultSpec);
      return noContent();
    case 'DELETE faults':
      control.clearFaults();
      return noContent();
    case 'GET settings':
      return ok({ ...state.settings });
    case 'PATCH settings':
      return ok(control.settings(jsonBody(body) as Partial<SimulatorSettings>));
    case 'GET approvals':
      return ok({ value: control.approvalRequests() });
    case 'GET requests':
      return ok({ value: control.requests() });
    case 'DELETE requests':
      control.clearRequests();
      return noContent();
    case 'GET throttled':
      return ok({ value: control.throttled() });
    case 'DELETE throttled':
      control.clearThrottled();
      return noContent();
    case 'POST approvals/*':
      if (code && segments.length === 3 && (verb === 'approve' || verb === 'reject')) {
        return ok(control.decideApproval(code, verb));
      }
  }
  throw new GraphError(
    404,
    'NotFound',
    `No simulator control route ${method} /_sim/${segments.join('/')}.`,
  );
}
