import type { SimulatorSettings } from '../../src/simulator/control-types';
import { type SimulatorHandle, startSimulator } from '../../src/simulator/server';
import { tinyTenant } from '../fixtures/tiny-tenant';

/** A JSON answer as the tests read it. */
export interface Body {
  value?: Record<string, unknown>[];
  error?: { code: string; message: string; innerError: Record<string, string> };
  [key: string]: unknown;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Body;
}

export interface CallOptions {
  body?: unknown;
  /** Sent verbatim instead of `JSON.stringify(body)`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** `null` sends no Authorization header. */
  token?: string | null;
}

/** Starts the simulator on the tiny tenant on a free port. */
export function startTiny(settings?: Partial<SimulatorSettings>): Promise<SimulatorHandle> {
  return startSimulator({ tenant: tinyTenant(), port: 0, settings });
}

export interface TinySimulatorOptions {
  /** Resets the simulator before every test (the default). */
  resetEachTest?: boolean;
}

/**
 * Registers the hooks the simulator tests share: the tiny-tenant simulator is started once for the
 * file (or describe block), closed at the end, and by default reset before every test. Returns a
 * getter for the running simulator.
 */
export function useTinySimulator(options: TinySimulatorOptions = {}): () => SimulatorHandle {
  let sim: SimulatorHandle | undefined;
  const current = (): SimulatorHandle => {
    if (!sim) throw new Error('The simulator is not running yet');
    return sim;
  };
  beforeAll(async () => {
    sim = await startTiny();
  });
  afterAll(() => current().close());
  if (options.resetEachTest ?? true) beforeEach(() => current().control.reset());
  return current;
}

/** One request over real HTTP; `path` includes the version (`/beta/...`) or is an absolute URL. */
export async function call(
  sim: SimulatorHandle,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? 'test-token' : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let payload: string | undefined = options.rawBody;
  if (payload === undefined && options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['Content-Type'] ??= 'application/json';
  const url = path.startsWith('http') ? path : `${sim.url}${path}`;
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Body) : {} };
}

export const get = (sim: SimulatorHandle, path: string, options?: CallOptions) =>
  call(sim, 'GET', path, options);

export const post = (sim: SimulatorHandle, path: string, body: unknown, options?: CallOptions) =>
  call(sim, 'POST', path, { ...options, body });

/** The values of one property across a collection page. */
export function pluck(answer: Answer, key: string): unknown[] {
  return (answer.body.value ?? []).map((item) => item[key]);
}

export const appPath = (version: 'beta' | 'v1.0', id: string, suffix = '') =>
  `/${version}/deviceAppManagement/mobileApps/${id}${suffix}`;

export const configAssignPath = (version: 'beta' | 'v1.0', id: string) =>
  `/${version}/deviceAppManagement/mobileAppConfigurations/${id}/microsoft.graph.managedDeviceMobileAppConfiguration/assign`;

/** A beta group include target, optionally with a filter. */
export function groupTarget(groupId: string, filter?: { id: string; type: 'include' | 'exclude' }) {
  return {
    '@odata.type': '#microsoft.graph.groupAssignmentTarget',
    groupId,
    ...(filter
      ? {
          deviceAndAppManagementAssignmentFilterId: filter.id,
          deviceAndAppManagementAssignmentFilterType: filter.type,
        }
      : {}),
  };
}

export function exclusionTarget(groupId: string) {
  return { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId };
}

export const ALL_USERS_TARGET = {
  '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget',
};
export const ALL_DEVICES_TARGET = { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' };

export const WIN32_SETTINGS = {
  '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
  notifications: 'showAll',
  deliveryOptimizationPriority: 'notConfigured',
};

/** A `mobileAppAssignment` request entry. */
export function appAssignment(target: object, intent: string, settings: object | null = null) {
  return { '@odata.type': '#microsoft.graph.mobileAppAssignment', intent, target, settings };
}
