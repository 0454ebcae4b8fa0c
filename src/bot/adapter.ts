import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { appIdOf, ConnectorClients } from './connector-clients';

const UNAUTHORIZED = 401;

/** Marks the calls that authenticate a request (see `muteConsoleWhileAuthenticating`). */
const authenticating = new AsyncLocalStorage<true>();

/**
 * botframework-connector prints every token it cannot verify on stderr before it throws (the
 * signing key for a forged one, a stack trace for an expired one). The server logs each refusal as
 * one structured line, so these prints are dropped, and only while a request is authenticated.
 */
function muteConsoleWhileAuthenticating(): void {
  const print = console.error;
  if ((print as { muted?: true }).muted) return;
  console.error = Object.assign(
    (...args: unknown[]) => {
      if (!authenticating.getStore()) print.apply(console, args);
    },
    { muted: true as const },
  );
}

/**
 * botbuilder's configuration-driven authentication that fails closed: a token that cannot be
 * validated for any reason (a forged signature, or Bot Framework's signing keys out of reach) is
 * an `AuthenticationError` (401), never an internal error that a caller could mistake for a soft
 * failure. The connector clients of turns and proactive messages are kept and reused (see
 * {@link ConnectorClients}) instead of built for each.
 */
class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ConnectorClients();

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return this.clients.factory(appIdOf(claimsIdentity), inner);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      const result = await authenticating.run(true, () =>
        super.authenticateRequest(activity, authHeader),
      );
      const inner = result.connectorFactory;
      const appId = appIdOf(result.claimsIdentity);
      return inner ? { ...result, connectorFactory: this.clients.factory(appId, inner) } : result;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(
        `Unauthorized: the token could not be validated (${(error as Error).message})`,
        UNAUTHORIZED,
      );
    }
  }
}

/**
 * Setting one endpoint makes botbuilder take every endpoint from the configuration, so an override
 * of the channel's OpenID metadata comes with the public cloud's values for the rest.
 */
function publicCloudWith(openIdMetadataUrl: string | undefined): Record<string, unknown> {
  if (!openIdMetadataUrl) return {};
  const c = AuthenticationConstants;
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: c.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: c.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: c.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: c.ToChannelFromBotOAuthScope,
    OAuthUrl: c.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * botbuilder's CloudAdapter with its turn entry point open to the HTTP layer. `CloudAdapter.process`
 * answers the HTTP request itself: it prints every error on stderr (`console.error`, a stack trace
 * for each refused token) and echoes the error's text in the 401 or 500 body. The server answers
 * instead, from what this method resolves or throws.
 */
export class BotAdapter extends CloudAdapter {
  /**
   * Authenticates the caller (`authHeader`, the request's Authorization header) and runs `logic`
   * for the activity, as `process` does once the body is parsed. Resolves with the invoke response,
   * if any; rejects with botframework-connector's `AuthenticationError` when the caller is not
   * authenticated (production mode), or with whatever else failed.
   */
  runActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, withDates(activity), logic);
  }
}

const RAW_DATES = {
  timestamp: 'rawTimestamp',
  localTimestamp: 'rawLocalTimestamp',
  expiration: 'rawExpiration',
} as const;

/** The timestamps as Dates, the raw strings kept, as botbuilder's own body validation does. */
function withDates(activity: Activity): Activity {
  const fixed: Record<string, unknown> = { ...activity };
  for (const [key, rawKey] of Object.entries(RAW_DATES)) {
    const value = fixed[key];
    if (typeof value === 'string') {
      fixed[rawKey] = value;
      fixed[key] = new Date(value);
    }
  }
  return fixed as unknown as Activity;
}

/** What may differ between adapters of one configuration. */
export interface AdapterOptions {
  /**
   * Appended to the `User-Agent` of every Bot Connector call the adapter makes (replies, proactive
   * messages, updates, new conversations), so that a connector can tell instances apart.
   */
  userAgent?: string;
}

/**
 * The CloudAdapter. With `MicrosoftAppId` set (production mode) every inbound activity must carry a
 * valid Bot Framework token, checked by botbuilder; with it empty (local mode) authentication is
 * off, which the configuration only allows against the simulated tenant.
 */
export function createAdapter(
  config: Config,
  logger: Logger,
  options: AdapterOptions = {},
): BotAdapter {
  muteConsoleWhileAuthenticating();
  const settings = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    // Local mode (no app id) has no registration, so no single-tenant type either.
    MicrosoftAppType: config.MicrosoftAppId ? config.MicrosoftAppType : 'MultiTenant',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...publicCloudWith(config.ToBotFromChannelOpenIdMetadataUrl),
  };
  const connectorOptions = options.userAgent ? { userAgent: options.userAgent } : {};
  const adapter = new BotAdapter(
    new FailClosedAuthentication(settings, undefined, undefined, undefined, connectorOptions),
  );
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    if (context.activity.type === 'message') {
      await context.sendActivity(
        'Something went wrong on my side; nothing was changed. Please try again.',
      );
    }
  };
  return adapter;
}
