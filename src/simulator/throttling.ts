import { GraphError } from './errors';

/**
 * Intune's documented throttling limits, kept by the simulated tenant: app writes 100 per 20 s
 * per calling application and 200 per tenant (all applications together), and any request 1,000
 * per 20 s per calling application. Every Graph request is counted, each inner request of a JSON
 * `$batch` on its own (the batch itself is not); only admitted requests take a place, so
 * `Retry-After` is the time until a place frees.
 */

/** How many requests each window admits, and how long a window is. */
export interface ThrottleLimits {
  /** App writes (every non-GET under `/deviceAppManagement`, the assign actions) per application. */
  appWrites: number;
  /** App writes of every application together. */
  tenantWrites: number;
  /** Any request per application. */
  requests: number;
  windowMs: number;
}

export const INTUNE_LIMITS: ThrottleLimits = {
  appWrites: 100,
  tenantWrites: 200,
  requests: 1000,
  windowMs: 20_000,
};

/** The application a request is counted for when its token names none (not a JWT). */
export const DEFAULT_APP = 'default-application';

/** Which limit a 429 was answered for. */
export type LimitName = 'app-writes' | 'tenant-writes' | 'requests';

/** A request answered 429, as recorded for tests and benchmarks. */
export interface ThrottledRequest {
  at: string;
  app: string;
  method: string;
  path: string;
  limit: LimitName;
  /** The `Retry-After` given, in seconds. */
  retryAfter: number;
}

const RECORD_CAP = 10_000;

const WORDS: Record<LimitName, (limits: ThrottleLimits) => string> = {
  'app-writes': (l) => `this application's app writes exceed ${l.appWrites} per 20 seconds`,
  'tenant-writes': (l) => `the tenant's app writes exceed ${l.tenantWrites} per 20 seconds`,
  requests: (l) => `this application's requests exceed ${l.requests} per 20 seconds`,
};

/** The calling application: a JWT's `appid` (v1 tokens) or `azp` (v2), else the default. */
export function callingApp(authorization: string | undefined): string {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return DEFAULT_APP;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const record = (claims ?? {}) as Record<string, unknown>;
    const app = record.appid ?? record.azp;
    return typeof app === 'string' && app !== '' ? app : DEFAULT_APP;
  } catch {
    return DEFAULT_APP;
  }
}

/** An app write, as Intune counts them: a change under `/deviceAppManagement`. */
export const isAppWrite = (method: string, path: string) =>
  method !== 'GET' && /^\/deviceAppManagement\//i.test(path);

/** Sliding-window logs of admitted requests, per window key, and the 429s answered. */
export class Throttle {
  private readonly logs = new Map<string, number[]>();
  private record: ThrottledRequest[] = [];

  constructor(readonly limits: ThrottleLimits = INTUNE_LIMITS) {}

  /**
   * Counts one request, or answers why not: a 429 in Graph's shape with `Retry-After` (whole
   * seconds until a place frees in every full window the request needs).
   */
  take(request: { app: string; method: string; path: string }, now = Date.now()): void {
    const windows: [LimitName, string, number][] = [
      ['requests', `requests:${request.app}`, this.limits.requests],
    ];
    if (isAppWrite(request.method, request.path)) {
      windows.push(['app-writes', `writes:${request.app}`, this.limits.appWrites]);
      windows.push(['tenant-writes', 'writes', this.limits.tenantWrites]);
    }
    let over: { limit: LimitName; waitMs: number } | undefined;
    for (const [limit, key, most] of windows) {
      const log = this.recent(key, now);
      if (log.length < most) continue;
      const waitMs = log[log.length - most]! + this.limits.windowMs - now;
      if (!over || waitMs > over.waitMs) over = { limit, waitMs };
    }
    if (!over) {
      for (const [, key] of windows) this.logs.get(key)!.push(now);
      return;
    }
    const retryAfter = Math.max(1, Math.ceil(over.waitMs / 1000));
    this.record.push({ at: new Date(now).toISOString(), ...request, ...over, retryAfter });
    if (this.record.length > RECORD_CAP) this.record.shift();
    throw new GraphError(
      429,
      'TooManyRequests',
      `Too many requests: ${WORDS[over.limit](this.limits)} in this tenant. Retry after ${retryAfter} seconds.`,
      { 'Retry-After': String(retryAfter) },
    );
  }

  /** The 429s answered so far (oldest first). */
  throttled(): ThrottledRequest[] {
    return [...this.record];
  }

  clearThrottled(): void {
    this.record = [];
  }

  /** Every window emptied (the record of 429s is kept). */
  clearWindows(): void {
    this.logs.clear();
  }

  /** The key's log with the entries older than a window dropped (kept sorted by arrival). */
  private recent(key: string, now: number): number[] {
    const log = this.logs.get(key) ?? [];
    const from = log.findIndex((at) => at > now - this.limits.windowMs);
    const kept = from === -1 ? [] : from === 0 ? log : log.slice(from);
    this.logs.set(key, kept);
    return kept;
  }
}

/**
 * Counts one Graph request against the limits when the tenant keeps them (a `$batch` envelope is
 * not counted: each of its inner requests is, through this same call); throws the 429 when over.
 */
export function countRequest(
  state: { settings: { throttling: boolean }; throttle: Throttle },
  request: { method: string; path: string; headers: Record<string, string> },
): void {
  if (!state.settings.throttling || /^\/\$batch$/i.test(request.path)) return;
  const app = callingApp(request.headers.authorization);
  state.throttle.take({ app, method: request.method, path: request.path });
}
