import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { SeedScale, SimulatorSettings } from './control-types';
import { createControl, type SimulatorControl } from './control';

export type { SimulatorControl } from './control';
export {
  type EntraHandle,
  type EntraOptions,
  SIMULATED_BOT_APP,
  SIMULATED_TENANT_ID,
  TEAMS_CLIENT_ID,
} from './entra/constants';
import { dispatch, MAX_BODY_BYTES, type RawRequest, type RequestLogger } from './dispatch';
import { EntraAuthority } from './entra/authority';
import type { EntraHandle, EntraOptions } from './entra/constants';
import { type RunningEntra, startEntra } from './entra/server';
import { createTenant } from './seed';
import { SimulatorState } from './state';
import type { TenantData } from './tenant-data';
import { INTUNE_LIMITS, type ThrottleLimits } from './throttling';
import { readBody } from './http-types';

/**
 * Starts the simulated Intune tenant: a Graph-compatible HTTP service on restify (the project's
 * HTTP server). restify only carries bytes here: one catch-all route per method hands every
 * request to `dispatch`, so Graph's routing, errors and headers are the simulator's own.
 */

export interface SimulatorOptions {
  /** The tenant to serve (it is mutated by writes; `reset()` restores a copy taken at start). */
  tenant?: TenantData;
  /** Seed scale when no tenant is given. */
  scale?: Partial<SeedScale>;
  /** `0` (the default) picks a free port. */
  port?: number;
  /** Defaults to `127.0.0.1`. */
  host?: string;
  settings?: Partial<SimulatorSettings>;
  /**
   * The throttling limits kept while `settings.throttling` is on (default: Intune's documented
   * ones, {@link INTUNE_LIMITS}); smaller ones let a test go over them quickly.
   */
  limits?: Partial<ThrottleLimits>;
  /** Receives one entry per request (method, url, status, ids, duration). */
  logger?: RequestLogger;
  /**
   * Also start the simulated Entra ID token service (HTTPS on 127.0.0.1, self-signed): Teams SSO
   * tokens, the on-behalf-of exchange, and Graph verifying JWTs as users' delegated tokens. Off by
   * default: without it a JWT sent to Graph is refused with 401.
   */
  entra?: boolean | EntraOptions;
}

export interface SimulatorHandle {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:54321`. */
  url: string;
  control: SimulatorControl;
  /** The simulated Entra ID token service, when started with the `entra` option. */
  entra?: EntraHandle;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const seeded = () => createTenant(options.scale);
  const limits = { ...INTUNE_LIMITS, ...options.limits };
  const state = options.tenant
    ? new SimulatorState(options.tenant, options.settings, undefined, limits)
    : new SimulatorState(seeded(), options.settings, seeded, limits);
  const server = restify.createServer({
    name: 'intune-simulator',
    handleUncaughtExceptions: false,
  });
  let baseUrl = '';

  // restify takes async handlers of at most two parameters; it continues the chain once the
  // promise settles, and the response has been written by then.
  const handle = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const out = res as unknown as ServerResponse;
    try {
      const { body, tooLarge } = await readBody(req, MAX_BODY_BYTES);
      const raw: RawRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        url: req.url ?? '/',
        headers: req.headers,
        body,
        tooLarge,
      };
      const answer = await dispatch(raw, state, baseUrl, options.logger);
      out.writeHead(answer.status, answer.headers);
      out.end(answer.body);
    } catch (error) {
      if (!out.headersSent) out.writeHead(500, { 'Content-Type': 'text/plain' });
      out.end(`Simulator failure: ${String(error)}`);
    }
  };
  for (const method of ['get', 'post', 'put', 'patch', 'del', 'opts', 'head'] as const) {
    server[method]('/*', handle);
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const closeGraph = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets would hold close() open; Node 18.2+ can drop them at once.
      (server.server as HttpServer).closeAllConnections();
    });

  let entra: RunningEntra | undefined;
  try {
    entra = options.entra ? await startEntraFor(options.entra, state) : undefined;
  } catch (error) {
    await closeGraph();
    throw error;
  }
  return {
    url: baseUrl,
    control: createControl(state),
    ...(entra && state.entra ? { entra: state.entra.handle() } : {}),
    close: async () => {
      await Promise.all([closeGraph(), entra?.close()]);
    },
  };
}

async function startEntraFor(
  options: true | EntraOptions,
  state: SimulatorState,
): Promise<RunningEntra> {
  const settings = options === true ? {} : options;
  const authority = await EntraAuthority.create(settings);
  const running = await startEntra(authority, state, settings.port);
  state.entra = authority;
  return running;
}
