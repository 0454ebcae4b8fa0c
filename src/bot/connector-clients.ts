import {
  AuthenticationConstants,
  ConnectorFactory,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** At most this many kept clients (service URLs seen, per app id and audience), oldest dropped. */
const MAX_CLIENTS = 64;

/** The app id botbuilder's own factory is made for: the audience claim, else the appid claim. */
export function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/**
 * botbuilder builds a `ConnectorClient` (an HTTP pipeline, credentials, an agent with its own
 * sockets) for every turn and every proactive message. These are kept instead: one per app id,
 * service URL and audience, built by botbuilder's own factory, so URLs, headers and authentication
 * stay exactly botbuilder's, credentials keep their token cache, and keep-alive connections are
 * reused. A client that failed to build is not kept.
 */
export class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  /** A factory that answers from the kept clients, building through `inner` when none is kept. */
  factory(appId: string, inner: ConnectorFactory): ConnectorFactory {
    return new KeptConnectorFactory((serviceUrl, audience) =>
      this.kept(this.clients, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
        inner.create(serviceUrl, audience),
      ),
    );
  }

  /** The user token client of `appId`, built once by `build`. */
  userTokenClient(appId: string, build: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.kept(this.tokenClients, appId, build);
  }

  private kept<T>(map: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
    const found = map.get(key);
    if (found) return found;
    const built = build();
    map.set(key, built);
    built.catch(() => map.delete(key));
    if (map.size > MAX_CLIENTS) map.delete(map.keys().next().value as string);
    return built;
  }
}

class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly get: (serviceUrl: string, audience?: string) => Promise<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.get(serviceUrl, audience);
  }
}
