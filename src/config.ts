import { isIPv4 } from 'node:net';
import { z } from 'zod';

/**
 * Every environment variable the product reads, in one schema, validated once at start. Problems
 * are reported all at once, in plain words, and never with a secret's value. `.env.example`
 * documents each variable.
 */

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  // Bot Framework (names as botbuilder reads them).
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('SingleTenant'),
  MicrosoftAppTenantId: optionalString,
  /** Bot Framework's OpenID metadata for channel tokens (sovereign clouds; tests). */
  ToBotFromChannelOpenIdMetadataUrl: optionalString.refine(
    (v) => v === undefined || URL.canParse(v),
    'must be a URL',
  ),

  // Graph credentials (names as @azure/identity's EnvironmentCredential reads them).
  AZURE_TENANT_ID: optionalString,
  AZURE_CLIENT_ID: optionalString,
  AZURE_CLIENT_SECRET: optionalString,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalString,
  AZURE_CLIENT_CERTIFICATE_PASSWORD: optionalString,

  /** Entra ID's host for the on-behalf-of exchange (sovereign clouds); Microsoft's by default. */
  AZURE_AUTHORITY_HOST: optionalString.refine(
    (v) => v === undefined || (URL.canParse(v) && v.startsWith('https://')),
    'must be an https:// URL such as https://login.microsoftonline.com',
  ),
  /**
   * Whose rights write to Intune: the bot's application permission (`app`), or the approver's own,
   * delegated through Teams single sign-on and the on-behalf-of flow (`approver`).
   */
  GRAPH_WRITE_AS: z.enum(['app', 'approver']).default('app'),
  /** The Application ID URI Teams asks single sign-on tokens for (default api://botid-<app id>). */
  SSO_APP_ID_URI: optionalString,
  /** The Azure Bot's OAuth connection named in Teams' sign-in request, when one is set up. */
  SSO_CONNECTION_NAME: optionalString,
  /** The bot's public host name; with GRAPH_WRITE_AS=approver it serves the consent page there. */
  BOT_DOMAIN: optionalString,

  GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com'),
  GRAPH_INTUNE_VERSION: z.enum(['beta', 'v1.0']).default('beta'),
  GRAPH_RETRY_MAX_SECONDS: integer(60, 1, 600),
  GRAPH_RETRY_BASE_DELAY_MS: integer(1000, 1, 60_000),
  /** Client-side timeout of each Graph attempt. */
  GRAPH_ATTEMPT_TIMEOUT_MS: integer(30_000, 100, 600_000),
  /** How long after it started an assign may still land in Intune (the write fence). */
  GRAPH_WRITE_LIFETIME_MS: integer(120_000, 200, 3_600_000),
  /** Assign attempts in any 20 s, across every instance (Intune allows an application 100). */
  GRAPH_WRITES_PER_20S: integer(100, 1, 200),
  /** Requests of any kind in any 20 s for the bot's application (Intune allows 1,000). */
  GRAPH_REQUESTS_PER_20S: integer(1000, 2, 10_000),
  /** How many bot instances share the Graph application: each keeps an even share of the reads. */
  GRAPH_INSTANCES: integer(1, 1, 100),
  /** The time Graph calls inside one turn may take, so every invoke is answered within 5 s. */
  GRAPH_TURN_BUDGET_MS: integer(3500, 100, 10_000),
  CATALOG_REFRESH_MINUTES: integer(15, 1, 1440),
  MEMBERSHIP_CACHE_SECONDS: integer(300, 0, 3600),
  MAA_POLL_SECONDS: integer(60, 1, 3600),

  // Who may do what (SPEC section 2).
  APPROVER_GROUP_ID: optionalString,
  APPROVER_USER_IDS: optionalString,
  REQUESTER_GROUP_ID: optionalString,
  ALLOWED_TENANT_ID: optionalString,
  APPROVALS_CHANNEL_ID: optionalString,

  /** How often each instance looks for expired requests and for work a stopped instance left. */
  BACKGROUND_SWEEP_SECONDS: integer(60, 1, 3600),

  // Request lifecycle.
  REQUEST_TTL_HOURS: integer(72, 1, 24 * 90),
  REMINDER_BEFORE_HOURS: integer(24, 0, 24 * 90),
  JUSTIFICATION_MAX_LENGTH: integer(500, 20, 1024),

  // Storage.
  STORAGE: z.enum(['sqlite', 'memory', 'azure']).default('sqlite'),
  SQLITE_PATH: z.string().trim().min(1).default('./data/requests.db'),
  /** Azure Storage for several instances: a connection string (Azurite, or an account key). */
  AZURE_STORAGE_CONNECTION_STRING: optionalString,
  /** Or the account's endpoint, reached with the bot's managed identity (or other credential). */
  AZURE_STORAGE_ACCOUNT_URL: optionalString.refine(
    (v) => v === undefined || URL.canParse(v),
    'must be a URL such as https://<account>.blob.core.windows.net',
  ),
  /** The table holding requests, audit records and shared settings (created if missing). */
  AZURE_STORAGE_TABLE: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{2,62}$/, 'must be 3-63 letters and digits, starting with a letter')
    .default('intuneassign'),
  /** How long a Blob lease lasts unless renewed: how soon another instance takes over a dead one's work. */
  AZURE_LEASE_SECONDS: integer(30, 15, 60),
  /** The blob container whose blobs' leases are the write locks and work leases (created if missing). */
  AZURE_STORAGE_CONTAINER: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/,
      'must be 3-63 lower-case letters, digits and single hyphens',
    )
    .default('intune-assign-leases'),

  // Slack (off unless the token, signing secret and workspace are set).
  /** The Slack app's bot token (xoxb-...). */
  SLACK_BOT_TOKEN: optionalString,
  /** The Slack app's signing secret: every request from Slack is verified with it. */
  SLACK_SIGNING_SECRET: optionalString,
  /** The one Slack workspace (team id, T...) served; any other is refused. */
  SLACK_TEAM_ID: optionalString,
  /** The Slack channel requests are posted in (C...); or set it with the slash command there. */
  SLACK_APPROVALS_CHANNEL_ID: optionalString,
  /** Slack's Web API (tests point it at a simulated Slack on loopback, in local mode only). */
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),

  PORT: integer(3978, 0, 65535),
  /** Listen address; default 0.0.0.0 in production mode, 127.0.0.1 in local mode. */
  HOST: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SIMULATOR_PORT: integer(4000, 0, 65535),
  SIMULATOR_SCALE: z.enum(['default', 'bench']).default('default'),
  SIMULATOR_THROTTLING: z.enum(['on', 'off']).default('on'),
});

export type Config = z.infer<typeof schema>;

/** Every variable the product reads (each is documented in `.env.example`). */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof Config)[];

/** Variables whose values must never be printed. */
export const SECRET_KEYS: readonly (keyof Config)[] = [
  'AZURE_STORAGE_CONNECTION_STRING',
  'MicrosoftAppPassword',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
];

/** Thrown when the environment is invalid; `problems` lists every one, in plain words. */
export class ConfigError extends Error {
  readonly code = 'config-invalid';
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Raw = Record<string, string | undefined>;
const isSet = (env: Raw, key: string) => (env[key] ?? '').trim() !== '';

/** Rules across variables, checked on the raw values so they are reported with the rest. */
function crossChecks(env: Raw): string[] {
  const problems: string[] = [];
  const secret = isSet(env, 'AZURE_CLIENT_SECRET');
  const certificate = isSet(env, 'AZURE_CLIENT_CERTIFICATE_PATH');
  if (secret && certificate) {
    problems.push(
      'AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH are both set: choose one Graph credential.',
    );
  }
  const attemptMs = Number(env.GRAPH_ATTEMPT_TIMEOUT_MS ?? 30_000);
  const lifetimeMs = Number(env.GRAPH_WRITE_LIFETIME_MS ?? 120_000);
  if (Number.isFinite(attemptMs) && Number.isFinite(lifetimeMs) && lifetimeMs <= attemptMs) {
    problems.push(
      'GRAPH_WRITE_LIFETIME_MS must be longer than GRAPH_ATTEMPT_TIMEOUT_MS: a write may land until after its attempt timed out.',
    );
  }
  problems.push(...budgetProblems(env));
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = (env.APPROVER_USER_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.some((id) => !uuid.test(id))) {
    problems.push('APPROVER_USER_IDS: must be a comma-separated list of Entra object ids (GUIDs).');
  }
  for (const key of ['APPROVER_GROUP_ID', 'REQUESTER_GROUP_ID', 'ALLOWED_TENANT_ID']) {
    if (isSet(env, key) && !uuid.test((env[key] ?? '').trim()))
      problems.push(`${key}: must be a GUID.`);
  }
  for (const key of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID']) {
    if ((secret || certificate) && !isSet(env, key)) {
      problems.push(`${key} is required with a client secret or certificate.`);
    }
  }
  problems.push(...storageProblems(env), ...slackProblems(env));
  return problems;
}

/** Slack is all or nothing: its token, signing secret and workspace together; a real Slack API. */
function slackProblems(env: Raw): string[] {
  const keys = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_TEAM_ID'];
  const set = keys.filter((key) => isSet(env, key));
  const problems: string[] = [];
  if (set.length > 0 && set.length < keys.length) {
    const missing = keys.filter((key) => !set.includes(key));
    problems.push(
      `Slack needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_TEAM_ID together; missing: ${missing.join(', ')}.`,
    );
  }
  if (isSet(env, 'SLACK_TEAM_ID') && !/^[TE][A-Z0-9]{2,}$/.test((env.SLACK_TEAM_ID ?? '').trim())) {
    problems.push('SLACK_TEAM_ID: must be a Slack workspace id such as T0123ABCD.');
  }
  const api = (env.SLACK_API_URL ?? '').trim();
  if (api && URL.canParse(api) && isSet(env, 'MicrosoftAppId')) {
    const url = new URL(api);
    if (url.protocol !== 'https:' || isLoopbackHost(url.hostname)) {
      problems.push(
        'SLACK_API_URL must be Slack (https) in production mode, not a loopback stand-in.',
      );
    }
  }
  return problems;
}

/** True when the Slack transport is configured. */
export function slackEnabled(
  config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_TEAM_ID'>,
): boolean {
  return Boolean(config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET && config.SLACK_TEAM_ID);
}

/** Reads get what writes leave of the request limit, split between the instances: at least one each. */
function budgetProblems(env: Raw): string[] {
  const requests = Number(env.GRAPH_REQUESTS_PER_20S || 1000);
  const writes = Number(env.GRAPH_WRITES_PER_20S || 100);
  const instances = Number(env.GRAPH_INSTANCES || 1);
  if (![requests, writes, instances].every(Number.isFinite)) return [];
  if (requests - writes >= instances) return [];
  return [
    'GRAPH_REQUESTS_PER_20S must exceed GRAPH_WRITES_PER_20S by at least GRAPH_INSTANCES: reads get what the writes leave, split between the instances.',
  ];
}

/** Azure Storage needs exactly one way in: a connection string, or an account URL. */
function storageProblems(env: Raw): string[] {
  const connection = isSet(env, 'AZURE_STORAGE_CONNECTION_STRING');
  const account = isSet(env, 'AZURE_STORAGE_ACCOUNT_URL');
  if (connection && account) {
    return [
      'AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_ACCOUNT_URL are both set: choose one way to reach Azure Storage.',
    ];
  }
  if ((env.STORAGE ?? '').trim() === 'azure' && !connection && !account) {
    return [
      'STORAGE=azure needs AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT_URL with the bot identity granted Storage Table Data Contributor and Storage Blob Data Contributor.',
    ];
  }
  return [];
}

/**
 * Reads and validates the configuration from an environment (default `process.env`). Throws a
 * `ConfigError` listing every problem; values are never echoed, so secrets cannot leak.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  problems.push(...crossChecks(env), ...localModeProblems(env));
  if (parsed.success && isProductionMode(parsed.data))
    problems.push(...productionProblems(parsed.data));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

/** Production mode: a Bot Framework registration is configured, so Teams will call for real. */
export function isProductionMode(config: Pick<Config, 'MicrosoftAppId'>): boolean {
  return config.MicrosoftAppId !== undefined;
}

/** The address the bot listens on: `HOST`, else every interface in production, loopback locally. */
export function listenHost(config: Pick<Config, 'HOST' | 'MicrosoftAppId'>): string {
  return config.HOST ?? (isProductionMode(config) ? '0.0.0.0' : '127.0.0.1');
}

/** True for a loopback host: 127.0.0.0/8, `::1` (bracketed or not) or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase();
  if (name === 'localhost' || name === '::1' || name === '[::1]') return true;
  return isIPv4(name) && name.startsWith('127.');
}

/**
 * Local mode (no `MicrosoftAppId`) authenticates nobody: anyone who reaches the port could act as
 * any user. So it runs only against the simulated tenant, on loopback; the settings of a real
 * tenant or a public address are refused by name (never by value), on the raw values so that they
 * are listed with every other problem.
 */
function localModeProblems(env: Raw): string[] {
  if (isSet(env, 'MicrosoftAppId')) return [];
  const found: string[] = [];
  const graph = isSet(env, 'GRAPH_BASE_URL') ? (env.GRAPH_BASE_URL ?? '').trim() : undefined;
  if (graph === undefined) found.push('GRAPH_BASE_URL is Microsoft Graph (the default)');
  else if (URL.canParse(graph) && isMicrosoftGraph({ GRAPH_BASE_URL: graph }))
    found.push('GRAPH_BASE_URL is Microsoft Graph');
  for (const key of ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH']) {
    if (isSet(env, key)) found.push(`${key} is set`);
  }
  if (isSet(env, 'HOST') && !isLoopbackHost(env.HOST ?? '')) {
    found.push('HOST is not a loopback address (127.0.0.1, ::1 or localhost)');
  }
  if (found.length === 0) return [];
  return [
    `MicrosoftAppId is empty, so inbound activities are not authenticated (local mode), and local ` +
      `mode runs only against the simulated tenant on loopback; but ${found.join(', ')}. To serve ` +
      `Teams, set MicrosoftAppId and the other production settings; for development, point ` +
      `GRAPH_BASE_URL at the simulator (npm run simulator), leave the Graph credentials empty and ` +
      `HOST on loopback.`,
  ];
}

/**
 * What production mode needs, and what it must never do: inbound authentication needs the bot's
 * credentials; Graph must be Microsoft's (the simulator and its development token are unreachable);
 * one tenant, someone to approve, and storage that survives a restart.
 */
function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  const msi = config.MicrosoftAppType === 'UserAssignedMSI';
  if (!msi && !config.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set (production mode).');
  }
  if (msi && config.MicrosoftAppPassword) {
    problems.push(
      'MicrosoftAppPassword must be empty with MicrosoftAppType=UserAssignedMSI: the identity has no secret.',
    );
  }
  if (config.MicrosoftAppType !== 'MultiTenant' && !config.MicrosoftAppTenantId) {
    problems.push(
      `MicrosoftAppTenantId is required with MicrosoftAppType=${config.MicrosoftAppType}.`,
    );
  }
  if (!config.ALLOWED_TENANT_ID) problems.push('ALLOWED_TENANT_ID is required in production mode.');
  if (!isMicrosoftGraph(config)) {
    problems.push(
      'GRAPH_BASE_URL must be Microsoft Graph in production mode (the simulator is for development only).',
    );
  }
  if (!config.APPROVER_GROUP_ID && approverUserIds(config).length === 0) {
    problems.push(
      'APPROVER_GROUP_ID or APPROVER_USER_IDS is required: nobody could approve a request.',
    );
  }
  if (config.STORAGE === 'memory') {
    problems.push('STORAGE=memory loses every request on restart: use sqlite in production mode.');
  }
  if (config.GRAPH_WRITE_AS === 'approver') problems.push(...approverModeProblems(config));
  return problems;
}

/**
 * Writes as the approver exchange Teams' single sign-on token on the user's behalf with the bot's
 * own Entra app (the token's audience): that needs its client secret, its tenant, and a public
 * host for the consent page; and the authority must be Entra's, never a loopback stand-in.
 */
function approverModeProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.MicrosoftAppType === 'UserAssignedMSI' || !config.MicrosoftAppPassword) {
    problems.push(
      "GRAPH_WRITE_AS=approver needs MicrosoftAppPassword: the on-behalf-of exchange authenticates as the bot's Entra app with its client secret (a managed identity cannot).",
    );
  }
  if (!config.MicrosoftAppTenantId) {
    problems.push(
      "GRAPH_WRITE_AS=approver needs MicrosoftAppTenantId: the approvers' tenant, where the on-behalf-of exchange happens.",
    );
  }
  if (!config.BOT_DOMAIN) {
    problems.push(
      'GRAPH_WRITE_AS=approver needs BOT_DOMAIN: the sign-in and consent page approvers are sent to is served there.',
    );
  }
  const authority = config.AZURE_AUTHORITY_HOST;
  if (authority && isLoopbackHost(new URL(authority).hostname)) {
    problems.push(
      'AZURE_AUTHORITY_HOST must be Entra ID in production mode, not a loopback address (the simulated Entra is for development only).',
    );
  }
  return problems;
}

/** The approver user ids from `APPROVER_USER_IDS`. */
export function approverUserIds(config: Pick<Config, 'APPROVER_USER_IDS'>): string[] {
  return (config.APPROVER_USER_IDS ?? '')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
}

const MICROSOFT_GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
]);

/** True when Graph calls go to Microsoft (any national cloud), not to the simulator. */
export function isMicrosoftGraph(config: Pick<Config, 'GRAPH_BASE_URL'>): boolean {
  return MICROSOFT_GRAPH_HOSTS.has(new URL(config.GRAPH_BASE_URL).hostname.toLowerCase());
}
