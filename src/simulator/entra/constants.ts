/**
 * The fixed identities of the simulated Entra ID tenant: its id, the bot's app registration and
 * the Teams client that asks for single sign-on tokens. Tests and the playground address them
 * directly, so they never change.
 */

/** The simulated tenant's id; the same one the bot tests put in Teams activities. */
export const SIMULATED_TENANT_ID = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';

/** The simulated tenant's initial domain, accepted in place of its id in authority URLs. */
export const SIMULATED_TENANT_DOMAIN = 'contoso.onmicrosoft.com';

/** An app registration as the token service knows it (a confidential client with a secret). */
export interface SimulatedApp {
  clientId: string;
  clientSecret: string;
  /** The Application ID URI Teams SSO tokens may carry as their audience. */
  appIdUri: string;
  /**
   * The Web redirect URIs registered (Authentication blade). As in Entra ID, a loopback one
   * (`localhost`, `127.0.0.1`) matches whatever its port.
   */
  redirectUris: string[];
}

const BOT_CLIENT_ID = 'b0751a51-7a5f-4d1c-9c4e-6f3a2d8e1c27';

/** The bot's app registration in the simulated tenant (the secret is not a real one). */
export const SIMULATED_BOT_APP: SimulatedApp = {
  clientId: BOT_CLIENT_ID,
  clientSecret: 'simulated-bot-secret-not-a-real-secret',
  appIdUri: `api://localhost/botid-${BOT_CLIENT_ID}`,
  // The bot's consent page and its Slack sign-in callback, wherever it runs on loopback.
  redirectUris: ['localhost', '127.0.0.1'].flatMap((host) =>
    ['http', 'https'].flatMap((scheme) =>
      ['/auth/consent/done', '/auth/slack/done'].map((path) => `${scheme}://${host}${path}`),
    ),
  ),
};

/** How long an authorization code may be redeemed, as Entra's (about 10 minutes). */
export const CODE_LIFETIME_SECONDS = 600;

/** Microsoft Teams' desktop and mobile client: the `azp` of the SSO tokens it obtains for a bot. */
export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

/** Microsoft Graph as an audience: its resource URI, and its application id (either is valid). */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The delegated Graph permissions the bot app has unless `EntraOptions` say otherwise. */
export const DEFAULT_DELEGATED_PERMISSIONS = [
  'DeviceManagementApps.ReadWrite.All',
  'DeviceManagementApps.Read.All',
];

/** The scope the bot's SSO tokens carry (the one scope its app registration exposes). */
export const SSO_SCOPE = 'access_as_user';

/** Access tokens, SSO tokens included, live one hour, as Entra's default. */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** How the simulated token service is started (`startSimulator({ entra: ... })`). */
export interface EntraOptions {
  /** The tenant id (default {@link SIMULATED_TENANT_ID}). */
  tenantId?: string;
  /** The bot's app registration, field by field (default {@link SIMULATED_BOT_APP}). */
  bot?: Partial<SimulatedApp>;
  /** The delegated Graph permissions the bot app has (default {@link DEFAULT_DELEGATED_PERMISSIONS}). */
  delegatedPermissions?: string[];
  /** `0` (the default) picks a free port. */
  port?: number;
}

/** What `startSimulator` hands back about a running token service. */
export interface EntraHandle {
  /** Origin without a trailing slash, e.g. `https://127.0.0.1:54322`: the authority host. */
  url: string;
  /** The service's self-signed certificate (PEM): trust it to call the service over TLS. */
  caPem: string;
  tenantId: string;
  bot: SimulatedApp;
}
