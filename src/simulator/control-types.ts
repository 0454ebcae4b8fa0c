/**
 * The simulator's control API (`/_sim/...`), shared by the simulator and the tests that drive it.
 * It exists only in the simulator; production code never calls it.
 */

/** A write the simulated tenant received (assign calls, accepted or not). */
export interface RecordedWrite {
  at: string;
  method: string;
  /** Version segment of the URL: `beta` or `v1.0`. */
  version: string;
  /** Path below the version, without the query string. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  requestId: string;
  /** Who sent it; absent when its token was refused (401). */
  identity?: CallerIdentity;
}

/**
 * Who a Graph request came from: the application itself (no JWT, or an app-only token), or a
 * user through a delegated token (on behalf of whom an app called).
 */
export type CallerIdentity =
  { kind: 'application'; appId?: string } | { kind: 'user'; id: string; name: string; upn: string };

/** A fault injected on matching requests. */
export interface FaultSpec {
  /** HTTP method to match, or `*`. */
  method?: string;
  /** A regular expression source matched against the path below the version. */
  path: string;
  /** Status to answer with (429, 503, 504, ...). Omit for latency only. */
  status?: number;
  /** `Retry-After` header value in seconds; omitted means no header. */
  retryAfter?: number;
  /** Graph error code of the fault's error body (default by status, e.g. `TooManyRequests`). */
  code?: string;
  /** Message of the fault's error body (default by status). */
  message?: string;
  /** How many matching requests get the fault; omitted means every one until cleared. */
  times?: number;
  /** How many matching requests pass untouched before the fault applies (default 0). */
  skip?: number;
  /** Added latency in milliseconds before answering. */
  latencyMs?: number;
}

/** Behaviour switches of the simulated tenant. */
export interface SimulatorSettings {
  /** Multi Admin Approval protects app and policy writes. */
  multiAdminApproval: boolean;
  /** Status Intune answers a write held by MAA with: 403 (documented) or 412 (field reports). */
  approvalRequiredStatus: 403 | 412;
  /** The plain `.../mobileAppConfigurations/{id}/assign` path answers 400 "No method match route template". */
  plainConfigAssignFails: boolean;
  /**
   * Intune's throttling limits are kept (app writes 100 per 20 s per application, 200 per tenant;
   * any request 1,000 per 20 s per application): over one, a 429 with `Retry-After`. On unless
   * turned off, for tests that need speed.
   */
  throttling: boolean;
  /**
   * The application permission the app-only identity (a token that is not a JWT, or an app-only
   * token) holds on Intune apps: `ReadWrite` (`DeviceManagementApps.ReadWrite.All`, the default)
   * or `Read` (`DeviceManagementApps.Read.All`: every assign answers 403 Forbidden).
   */
  appPermission: 'ReadWrite' | 'Read';
  /**
   * An administrator consented for the whole tenant (the default): every user may be exchanged
   * on behalf of. Off, only the users who consented themselves (consent prompt or control route).
   */
  adminConsent: boolean;
}

/** How big the seeded tenant is. */
export interface SeedScale {
  apps: number;
  configPolicies: number;
  groups: number;
  users: number;
}
