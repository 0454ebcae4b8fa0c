import { AppError } from '../domain/errors';
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { isMicrosoftGraph, type Config } from '../config';

/** Which credential the environment selected. */
export type CredentialKind =
  'client-secret' | 'client-certificate' | 'managed-identity' | 'development' | 'on-behalf-of';

/** Supplies bearer tokens for Graph. */
export interface GraphTokenProvider {
  readonly kind: CredentialKind;
  getToken(): Promise<string>;
}

/** The token sent to the simulated tenant: not a secret, never valid at Microsoft. */
export const DEVELOPMENT_TOKEN = 'simulator-development-token';

type CredentialConfig = Pick<
  Config,
  | 'GRAPH_BASE_URL'
  | 'AZURE_TENANT_ID'
  | 'AZURE_CLIENT_ID'
  | 'AZURE_CLIENT_SECRET'
  | 'AZURE_CLIENT_CERTIFICATE_PATH'
  | 'AZURE_CLIENT_CERTIFICATE_PASSWORD'
>;

/**
 * The bot's Azure credential from the environment: a client secret, a client certificate, or else
 * a managed identity. Graph tokens come from it, and Azure Storage's when reached by account URL.
 */
export function azureCredential(config: CredentialConfig): {
  kind: CredentialKind;
  credential: TokenCredential;
} {
  const { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: client } = config;
  if (config.AZURE_CLIENT_SECRET && tenant && client) {
    return {
      kind: 'client-secret',
      credential: new ClientSecretCredential(tenant, client, config.AZURE_CLIENT_SECRET),
    };
  }
  if (config.AZURE_CLIENT_CERTIFICATE_PATH && tenant && client) {
    return {
      kind: 'client-certificate',
      credential: new ClientCertificateCredential(tenant, client, {
        certificatePath: config.AZURE_CLIENT_CERTIFICATE_PATH,
        certificatePassword: config.AZURE_CLIENT_CERTIFICATE_PASSWORD,
      }),
    };
  }
  // A user-assigned identity is selected by AZURE_CLIENT_ID; without it, the system-assigned one.
  const credential = client
    ? new ManagedIdentityCredential({ clientId: client })
    : new ManagedIdentityCredential();
  return { kind: 'managed-identity', credential };
}

/**
 * Chooses the Graph credential from the environment: a client secret, a client certificate, or
 * else a managed identity, all through `@azure/identity` (which caches and renews tokens). Against a
 * non-Microsoft `GRAPH_BASE_URL` (the simulator) it returns a development token and never calls
 * Azure.
 */
export function createGraphTokenProvider(config: CredentialConfig): GraphTokenProvider {
  if (!isMicrosoftGraph(config)) {
    return { kind: 'development', getToken: () => Promise.resolve(DEVELOPMENT_TOKEN) };
  }
  const { kind, credential } = azureCredential(config);
  const scope = `${new URL(config.GRAPH_BASE_URL).origin}/.default`;
  return {
    kind,
    async getToken() {
      const token = await credential.getToken(scope);
      if (!token)
        throw new AppError('graph-auth', `The ${kind} credential returned no token for ${scope}.`);
      return token.token;
    },
  };
}
