import type { Config } from '../config';
import type { Logger } from '../logger';
import { createGraphTokenProvider, type GraphTokenProvider } from './credential';
import { DirectoryGraph } from './directory-graph';
import { GraphHttp } from './graph-http';
import { IntuneGraph } from './intune-graph';
import { ReadBudget } from './read-budget';
import { INTUNE_WINDOW_MS } from '../services/sliding-window';

export { GraphError } from './graph-error';
export { DirectoryGraph } from './directory-graph';
export { IntuneGraph } from './intune-graph';
export { GraphHttp } from './graph-http';
export { offeredSettings } from './settings-schema';

export type GraphConfig = Pick<
  Config,
  | 'GRAPH_BASE_URL'
  | 'GRAPH_INTUNE_VERSION'
  | 'GRAPH_RETRY_MAX_SECONDS'
  | 'GRAPH_RETRY_BASE_DELAY_MS'
  | 'GRAPH_ATTEMPT_TIMEOUT_MS'
  | 'CATALOG_REFRESH_MINUTES'
  | 'MEMBERSHIP_CACHE_SECONDS'
  | 'AZURE_TENANT_ID'
  | 'AZURE_CLIENT_ID'
  | 'AZURE_CLIENT_SECRET'
  | 'AZURE_CLIENT_CERTIFICATE_PATH'
  | 'AZURE_CLIENT_CERTIFICATE_PASSWORD'
> &
  /** Without them no read budget is kept (tests and benchmarks that build the layer alone). */
  Partial<Pick<Config, 'GRAPH_WRITES_PER_20S' | 'GRAPH_REQUESTS_PER_20S' | 'GRAPH_INSTANCES'>>;

export interface GraphServices {
  tokens: GraphTokenProvider;
  http: GraphHttp;
  intune: IntuneGraph;
  directory: DirectoryGraph;
}

/** The reads' share of the request limit: what the writes leave, split evenly between instances. */
export function readBudget(config: GraphConfig): ReadBudget | undefined {
  const { GRAPH_REQUESTS_PER_20S: requests, GRAPH_WRITES_PER_20S: writes } = config;
  if (requests === undefined || writes === undefined) return undefined;
  return new ReadBudget({
    limit: Math.max(1, Math.floor((requests - writes) / (config.GRAPH_INSTANCES ?? 1))),
    windowMs: INTUNE_WINDOW_MS,
  });
}

/** Wires the Graph layer from configuration: credential, HTTP pipeline, Intune and directory ports. */
export function createGraph(
  config: GraphConfig,
  logger: Logger,
  tokens?: GraphTokenProvider,
): GraphServices {
  const provider = tokens ?? createGraphTokenProvider(config);
  const http = new GraphHttp({
    baseUrl: config.GRAPH_BASE_URL,
    tokens: provider,
    logger: logger.child({ component: 'graph' }),
    retry: {
      maxTotalMs: config.GRAPH_RETRY_MAX_SECONDS * 1000,
      baseDelayMs: config.GRAPH_RETRY_BASE_DELAY_MS,
    },
    attemptTimeoutMs: config.GRAPH_ATTEMPT_TIMEOUT_MS,
    reads: readBudget(config),
  });
  const intune = new IntuneGraph({
    http,
    version: config.GRAPH_INTUNE_VERSION,
    logger: logger.child({ component: 'intune' }),
    catalogRefreshMs: config.CATALOG_REFRESH_MINUTES * 60_000,
  });
  const directory = new DirectoryGraph({
    http,
    logger: logger.child({ component: 'directory' }),
    membershipCacheMs: config.MEMBERSHIP_CACHE_SECONDS * 1000,
  });
  return { tokens: provider, http, intune, directory };
}
