import { PackageError } from './package-error';

type Env = Readonly<Record<string, string | undefined>>;

/** The template's placeholder values, and remarks worth printing (defaults that were taken). */
export interface PackageValues {
  values: Record<string, string>;
  notes: string[];
  /**
   * The manifest's `webApplicationInfo` (Teams single sign-on), when writes run as the approver
   * (`GRAPH_WRITE_AS=approver`): the bot's Entra app and the Application ID URI Teams asks for.
   */
  webApplicationInfo?: { id: string; resource: string };
}

type Check = (value: string) => string | undefined;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/i;
const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

const guid: Check = (v) => (GUID.test(v) ? undefined : 'must be a GUID');
const semver: Check = (v) => (SEMVER.test(v) ? undefined : 'must be a version like 1.2.3');
const maxLength =
  (max: number): Check =>
  (v) =>
    v.length <= max ? undefined : `must be at most ${max} characters`;
const hostName: Check = (v) =>
  HOST_NAME.test(v) ? undefined : 'must be a host name only, without https:// or a path';
const httpsUrl: Check = (v) =>
  URL.canParse(v) && /^https:\/\//i.test(v) ? undefined : 'must be an https:// URL';

/** Variables the package cannot do without; `.env.example` gives each an example value. */
const REQUIRED: { name: string; what: string; check: Check }[] = [
  { name: 'BOT_NAME', what: "the app's short name in Teams", check: maxLength(30) },
  {
    name: 'BOT_DOMAIN',
    what: "the bot's public host name, e.g. intune-assign-bot.azurewebsites.net",
    check: hostName,
  },
  { name: 'DEVELOPER_NAME', what: 'who publishes the app', check: maxLength(32) },
  { name: 'DEVELOPER_WEBSITE_URL', what: "the publisher's web site", check: httpsUrl },
  { name: 'DEVELOPER_PRIVACY_URL', what: 'the privacy statement', check: httpsUrl },
  { name: 'DEVELOPER_TERMS_URL', what: 'the terms of use', check: httpsUrl },
];

const read = (env: Env, name: string) => env[name]?.trim() || undefined;

/**
 * The bot the package names: `TEAMS_BOT_ID`, else `MicrosoftAppId`. Both set and different is a
 * mistake (a package for one bot, a server running another), reported rather than resolved.
 */
function botId(env: Env, problems: string[], notes: string[]): string | undefined {
  const fromPackage = read(env, 'TEAMS_BOT_ID');
  const fromBot = read(env, 'MicrosoftAppId');
  const id = fromPackage ?? fromBot;
  if (!id) {
    problems.push(
      "TEAMS_BOT_ID (or MicrosoftAppId) is missing: the Azure Bot's Microsoft App ID, a GUID.",
    );
    return undefined;
  }
  if (fromPackage && fromBot && fromPackage.toLowerCase() !== fromBot.toLowerCase()) {
    problems.push(
      'TEAMS_BOT_ID and MicrosoftAppId differ: the package must name the bot that runs; leave TEAMS_BOT_ID empty or make them equal.',
    );
  }
  const problem = guid(id);
  if (problem) problems.push(`${fromPackage ? 'TEAMS_BOT_ID' : 'MicrosoftAppId'}: ${problem}.`);
  if (!fromBot) {
    notes.push('MicrosoftAppId is empty: the bot id is TEAMS_BOT_ID; run the bot with that id.');
  }
  return id;
}

/**
 * Single sign-on for writes as the approver: Teams issues tokens for the bot's Entra app, whose
 * Application ID URI for a bot is `api://botid-<bot id>` (or `api://<domain>/botid-<bot id>`).
 */
function webApplicationInfo(
  env: Env,
  bot: string,
  problems: string[],
): { id: string; resource: string } | undefined {
  const writeAs = read(env, 'GRAPH_WRITE_AS') ?? 'app';
  if (writeAs !== 'app' && writeAs !== 'approver') {
    problems.push('GRAPH_WRITE_AS: must be app or approver.');
    return undefined;
  }
  if (writeAs === 'app') return undefined;
  const resource = read(env, 'SSO_APP_ID_URI') ?? `api://botid-${bot}`;
  const found = /^api:\/\/(?:[a-z0-9.-]+\/)?botid-(.+)$/i.exec(resource);
  if (found?.[1]?.toLowerCase() !== bot.toLowerCase()) {
    problems.push(
      `SSO_APP_ID_URI: must be api://botid-<bot id> or api://<domain>/botid-<bot id> for this bot (${bot}), as the bot's Entra app exposes it.`,
    );
    return undefined;
  }
  return { id: bot, resource };
}

/**
 * Reads and checks every variable the Teams app package needs. Throws a `PackageError` listing
 * all missing and invalid variables at once. Values are not echoed: none is secret, but the bot's
 * own configuration never echoes values either, and the names say enough.
 */
export function readPackageValues(env: Env, defaults: { version: string }): PackageValues {
  const problems: string[] = [];
  const notes: string[] = [];
  const values: Record<string, string> = {};
  for (const { name, what, check } of REQUIRED) {
    const value = read(env, name);
    const problem = value === undefined ? undefined : check(value);
    if (value === undefined) problems.push(`${name} is missing: ${what}.`);
    else if (problem) problems.push(`${name}: ${problem} (${what}).`);
    else values[name] = value;
  }
  const bot = botId(env, problems, notes);
  if (bot) values.TEAMS_BOT_ID = bot;

  const appId = read(env, 'TEAMS_APP_ID');
  const appIdProblem = appId === undefined ? undefined : guid(appId);
  if (appIdProblem) problems.push(`TEAMS_APP_ID: ${appIdProblem}.`);
  if (!appId) notes.push('TEAMS_APP_ID is empty: the Teams app id is the bot id.');
  const teamsAppId = appId ?? bot;
  if (teamsAppId) values.TEAMS_APP_ID = teamsAppId;

  const version = read(env, 'TEAMS_APP_VERSION') ?? defaults.version;
  const versionProblem = semver(version);
  if (versionProblem) problems.push(`TEAMS_APP_VERSION: ${versionProblem}.`);
  values.TEAMS_APP_VERSION = version;

  const sso = bot ? webApplicationInfo(env, bot, problems) : undefined;

  if (problems.length > 0) throw new PackageError('package-config-invalid', problems);
  return { values, notes, ...(sso ? { webApplicationInfo: sso } : {}) };
}
