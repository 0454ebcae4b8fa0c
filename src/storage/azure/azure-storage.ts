import { AppError } from '../../domain/errors';
import { TableClient } from '@azure/data-tables';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';
import type { Config } from '../../config';

export type AzureStorageConfig = Pick<
  Config,
  | 'AZURE_STORAGE_CONNECTION_STRING'
  | 'AZURE_STORAGE_ACCOUNT_URL'
  | 'AZURE_STORAGE_TABLE'
  | 'AZURE_STORAGE_CONTAINER'
>;

/** The two Azure Storage clients the bot uses: its table and its lease container. */
export interface AzureStorageClients {
  table: TableClient;
  container: ContainerClient;
}

/** `https://acct.blob.core.windows.net` -> `https://acct.table.core.windows.net`. */
export function tableEndpointOf(accountUrl: string): string {
  const url = new URL(accountUrl);
  url.hostname = url.hostname.replace('.blob.', '.table.');
  return url.origin;
}

/**
 * Clients from the configuration: a connection string (Azurite's, or an account key's), or the
 * account URL with a token credential (the bot's managed identity). Over http (Azurite) the SDK
 * must be told that is allowed.
 */
export function azureStorageClients(
  config: AzureStorageConfig,
  credential?: TokenCredential,
): AzureStorageClients {
  const connection = config.AZURE_STORAGE_CONNECTION_STRING;
  if (connection) {
    const insecure = /(?:^|;)\s*(?:DefaultEndpointsProtocol=http|\w+Endpoint=http:)/i.test(
      connection,
    );
    return {
      table: TableClient.fromConnectionString(connection, config.AZURE_STORAGE_TABLE, {
        allowInsecureConnection: insecure,
      }),
      container: BlobServiceClient.fromConnectionString(connection).getContainerClient(
        config.AZURE_STORAGE_CONTAINER,
      ),
    };
  }
  const accountUrl = config.AZURE_STORAGE_ACCOUNT_URL;
  if (!accountUrl || !credential) {
    throw new AppError(
      'setup-invalid',
      'Azure Storage needs a connection string, or an account URL and a credential.',
    );
  }
  return {
    table: new TableClient(tableEndpointOf(accountUrl), config.AZURE_STORAGE_TABLE, credential),
    container: new BlobServiceClient(accountUrl, credential).getContainerClient(
      config.AZURE_STORAGE_CONTAINER,
    ),
  };
}
