import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
} from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../logger';

const UNAUTHORIZED = 401;

/**
 * botbuilder's configuration-driven authentication that fails closed: a token that cannot be
 * validated for any reason (a forged signature, or Bot Framework's signing keys out of reach) is
 * unauthorized (401), never an internal error that a caller could mistake for a soft failure.
 */
class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (
        error instanceof AuthenticationError ||
        (error as { statusCode?: number }).statusCode === UNAUTHORIZED
      )
        throw error;
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
 * The CloudAdapter. With `MicrosoftAppId` set (production mode) every inbound activity must carry a
 * valid Bot Framework token, checked by botbuilder; with it empty (local mode) authentication is
 * off, which the configuration only allows against the simulated tenant.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter(
    new FailClosedAuthentication({
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      // Local mode (no app id) has no registration, so no single-tenant type either.
      MicrosoftAppType: config.MicrosoftAppId ? config.MicrosoftAppType : 'MultiTenant',
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      ...publicCloudWith(config.ToBotFromChannelOpenIdMetadataUrl),
    }),
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
