import type { CallerIdentity, RecordedWrite, SimulatorSettings } from './control-types';
import type { EntraAuthority } from './entra/authority';
import { AuthCodeStore } from './entra/auth-codes';
import { ConsentStore } from './entra/consent';
import { FaultStore } from './faults';
import { ApprovalStore } from './maa';
import type { TenantData } from './tenant-data';
import { Throttle, type ThrottleLimits } from './throttling';

/** A Graph request as received, for asserting headers (`ConsistencyLevel`, `client-request-id`). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Graph's request id of the `$batch` the request came in, for a request inside one. */
  batch?: string;
  /** Who sent it; absent when its token was refused (401). */
  identity?: CallerIdentity;
}

export const DEFAULT_SETTINGS: SimulatorSettings = {
  multiAdminApproval: false,
  approvalRequiredStatus: 403,
  plainConfigAssignFails: true,
  throttling: true,
  appPermission: 'ReadWrite',
  adminConsent: true,
};

/**
 * Logs are capped so a long benchmark run cannot exhaust memory; the oldest entries go first.
 * Tests clear them long before the cap.
 */
const LOG_CAP = 10_000;

/** Everything the simulated tenant holds: data, switches, faults, approvals and logs. */
export class SimulatorState {
  tenant: TenantData;
  settings: SimulatorSettings;
  readonly faults = new FaultStore();
  readonly approvals = new ApprovalStore();
  readonly throttle: Throttle;
  /** Users' own consents to apps using Graph on their behalf (beside `settings.adminConsent`). */
  readonly consents = new ConsentStore();
  /** Authorization codes the consent and sign-in prompt issued, until redeemed or expired. */
  readonly codes = new AuthCodeStore();
  /** The simulated Entra ID authority, when the token service runs: Graph verifies JWTs with it. */
  entra?: EntraAuthority;
  private writeLog: RecordedWrite[] = [];
  private requestLog: RecordedRequest[] = [];
  private readonly restore: () => TenantData;
  private readonly initialSettings: SimulatorSettings;

  /**
   * `restore` rebuilds the starting tenant for `reset()`; without it a deep copy of `tenant` is
   * kept (a seeded tenant passes its seed instead, so a benchmark-scale tenant is not held twice).
   */
  constructor(
    tenant: TenantData,
    settings: Partial<SimulatorSettings> = {},
    restore?: () => TenantData,
    limits?: ThrottleLimits,
  ) {
    this.tenant = tenant;
    this.throttle = new Throttle(limits);
    if (restore) {
      this.restore = restore;
    } else {
      const pristine = structuredClone(tenant);
      this.restore = () => structuredClone(pristine);
    }
    this.initialSettings = { ...DEFAULT_SETTINGS, ...settings };
    this.settings = { ...this.initialSettings };
  }

  /**
   * Back to the tenant and settings the simulator started with (Intune role assignments
   * included); logs, faults, approvals, users' consents and codes, the throttling windows and the record of
   * 429s cleared.
   */
  reset(): void {
    this.tenant = this.restore();
    this.settings = { ...this.initialSettings };
    this.faults.clear();
    this.approvals.clear();
    this.consents.clear();
    this.codes.clear();
    this.throttle.clearWindows();
    this.throttle.clearThrottled();
    this.writeLog = [];
    this.requestLog = [];
  }

  recordWrite(write: RecordedWrite): void {
    this.writeLog.push(write);
    if (this.writeLog.length > LOG_CAP) this.writeLog.shift();
  }

  recordRequest(request: RecordedRequest): void {
    this.requestLog.push(request);
    if (this.requestLog.length > LOG_CAP) this.requestLog.shift();
  }

  writes(): RecordedWrite[] {
    return [...this.writeLog];
  }

  requests(): RecordedRequest[] {
    return [...this.requestLog];
  }

  clearWrites(): void {
    this.writeLog = [];
  }

  clearRequests(): void {
    this.requestLog = [];
  }
}
