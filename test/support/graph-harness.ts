import { Writable } from 'node:stream';
import {
  createGraph,
  type GraphConfig,
  type GraphError,
  type GraphServices,
} from '../../src/graph';
import { createLogger } from '../../src/logger';
import { createTenant } from '../../src/simulator/seed';
import { startSimulator } from '../../src/simulator/server';
import type { SimulatorSettings } from '../../src/simulator/control-types';

type SimulatorHandle = Awaited<ReturnType<typeof startSimulator>>;

export interface GraphHarness {
  sim: SimulatorHandle;
  graph: GraphServices;
  /** Every JSON log line written, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  version?: 'beta' | 'v1.0';
  retryMaxSeconds?: number;
  attemptTimeoutMs?: number;
  settings?: Partial<SimulatorSettings>;
}

/** The in-process simulated tenant and the real Graph layer pointed at it, logging to memory. */
export async function graphHarness(options: HarnessOptions = {}): Promise<GraphHarness> {
  const sim = await startSimulator({ tenant: createTenant(), port: 0, settings: options.settings });
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  const config: GraphConfig = {
    GRAPH_BASE_URL: sim.url,
    GRAPH_INTUNE_VERSION: options.version ?? 'beta',
    GRAPH_RETRY_MAX_SECONDS: options.retryMaxSeconds ?? 10,
    GRAPH_RETRY_BASE_DELAY_MS: 50,
    GRAPH_ATTEMPT_TIMEOUT_MS: options.attemptTimeoutMs ?? 10_000,
    CATALOG_REFRESH_MINUTES: 15,
    MEMBERSHIP_CACHE_SECONDS: 300,
    AZURE_TENANT_ID: undefined,
    AZURE_CLIENT_ID: undefined,
    AZURE_CLIENT_SECRET: undefined,
    AZURE_CLIENT_CERTIFICATE_PATH: undefined,
    AZURE_CLIENT_CERTIFICATE_PASSWORD: undefined,
  };
  const graph = createGraph(config, createLogger({ level: 'debug', destination }));
  return {
    sim,
    graph,
    logs,
    async close() {
      graph.intune.stop();
      await sim.close();
    },
  };
}

/** The error of a Graph call that must fail. */
export const failure = (call: Promise<unknown>): Promise<GraphError> =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as GraphError,
  );
