import { randomUUID } from 'node:crypto';
import { isProductionMode, type Config } from '../config';
import { AppError } from '../domain/errors';
import type { Person } from '../domain/request';
import type { WriteIdentity } from '../services/ports/intune';
import { AuthorizationCodeSignIn, type CodeRedemption } from './authorization-code';
import { OnBehalfOfExchange, type OnBehalfOfSettings } from './on-behalf-of';

/** Entra's public cloud, the default authority. */
export const ENTRA_AUTHORITY = 'https://login.microsoftonline.com';

/** The delegated permission a write as the approver needs (their Intune role decides the rest). */
export const DELEGATED_WRITE_SCOPE = 'DeviceManagementApps.ReadWrite.All';

/** What the simulated tenant says of its Entra ID (`GET /_sim/entra`), in local mode. */
interface SimulatedEntra {
  url: string;
  caPem: string;
  tenantId: string;
  bot: { clientId: string; clientSecret: string; appIdUri: string };
}

/** The bot's Entra app as the single sign-on flow needs it. */
export interface SsoApp {
  settings: OnBehalfOfSettings;
  /** The Application ID URI Teams asks tokens for (the manifest's `webApplicationInfo.resource`). */
  appIdUri: string;
}

type SignInConfig = Pick<
  Config,
  | 'MicrosoftAppId'
  | 'MicrosoftAppPassword'
  | 'MicrosoftAppTenantId'
  | 'AZURE_AUTHORITY_HOST'
  | 'GRAPH_BASE_URL'
  | 'SSO_APP_ID_URI'
>;

/** `api://botid-<app id>`, the Application ID URI form Teams accepts for a bot's single sign-on. */
export const defaultAppIdUri = (appId: string) => `api://botid-${appId}`;

/**
 * Writes as the approver: exchanges an approver's Teams sign-on token for a Graph token on their
 * behalf, and says where they consent. In production the bot's own Entra app (`MicrosoftAppId`,
 * its secret and tenant) against Entra ID; in local mode the simulated tenant's Entra and its
 * registration of the bot, read from the simulator once (its certificate trusted for it alone).
 */
export class DelegatedSignIn {
  private app?: Promise<SsoApp>;

  constructor(private readonly config: SignInConfig) {}

  /** The bot's Entra app for single sign-on; rejects when the simulator cannot say (local mode). */
  ssoApp(): Promise<SsoApp> {
    this.app ??= this.resolve().catch((error: unknown) => {
      this.app = undefined;
      throw error;
    });
    return this.app;
  }

  async exchange(ssoToken: string, user: Person): Promise<WriteIdentity> {
    const { settings } = await this.ssoApp();
    return new OnBehalfOfExchange(settings).identityFor(ssoToken, user);
  }

  /** Entra ID's sign-in (authorization code with PKCE) for approvers outside Teams (Slack). */
  async startCode(request: { redirectUri: string; state: string; loginHint?: string }) {
    const { settings } = await this.ssoApp();
    return new AuthorizationCodeSignIn(settings).start(request);
  }

  /** The code of that sign-in redeemed for the approver's identity (see `AuthorizationCodeSignIn`). */
  async redeemCode(redemption: CodeRedemption): Promise<WriteIdentity> {
    const { settings } = await this.ssoApp();
    return new AuthorizationCodeSignIn(settings).redeem(redemption);
  }

  /**
   * Entra's consent prompt for the delegated write permission, coming back to `redirectUri`;
   * `loginHint` (the user's sign-in name) picks the account.
   */
  async consentUrl(redirectUri: string, loginHint?: string): Promise<string> {
    const { settings } = await this.ssoApp();
    const url = new URL(
      `${settings.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/authorize`,
    );
    const graph = new URL(settings.graphOrigin).origin;
    url.search = new URLSearchParams({
      client_id: settings.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      response_mode: 'query',
      scope: `${graph}/${DELEGATED_WRITE_SCOPE} offline_access`,
      prompt: 'consent',
      state: randomUUID(),
      ...(loginHint ? { login_hint: loginHint } : {}),
    }).toString();
    return url.toString();
  }

  private async resolve(): Promise<SsoApp> {
    const config = this.config;
    if (isProductionMode(config)) {
      const clientId = config.MicrosoftAppId ?? '';
      return {
        appIdUri: config.SSO_APP_ID_URI ?? defaultAppIdUri(clientId),
        settings: {
          tenantId: config.MicrosoftAppTenantId ?? '',
          clientId,
          clientSecret: config.MicrosoftAppPassword ?? '',
          authorityHost: config.AZURE_AUTHORITY_HOST ?? ENTRA_AUTHORITY,
          graphOrigin: config.GRAPH_BASE_URL,
        },
      };
    }
    const entra = await simulatedEntra(config.GRAPH_BASE_URL);
    return {
      appIdUri: config.SSO_APP_ID_URI ?? entra.bot.appIdUri,
      settings: {
        tenantId: entra.tenantId,
        clientId: entra.bot.clientId,
        clientSecret: entra.bot.clientSecret,
        authorityHost: config.AZURE_AUTHORITY_HOST ?? entra.url,
        graphOrigin: 'https://graph.microsoft.com',
        caPem: entra.caPem,
      },
    };
  }
}

/** Local mode only: the simulated tenant's Entra ID, as its control API describes it. */
async function simulatedEntra(graphBaseUrl: string): Promise<SimulatedEntra> {
  const url = `${graphBaseUrl.replace(/\/+$/, '')}/_sim/entra`;
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
  const body = (await response?.json().catch(() => undefined)) as
    Partial<SimulatedEntra> | undefined;
  if (!response?.ok || !body?.url || !body.caPem || !body.tenantId || !body.bot?.clientId) {
    throw new AppError(
      'setup-invalid',
      'GRAPH_WRITE_AS=approver in local mode signs approvers in through the simulated tenant, whose Entra ID did not answer (start it with npm run simulator, or npm start).',
    );
  }
  return body as SimulatedEntra;
}
