import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createGraphTokenProvider, DEVELOPMENT_TOKEN } from '../../src/graph/credential';

const ids = {
  AZURE_TENANT_ID: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
  AZURE_CLIENT_ID: 'c84f72d8-3ffc-4f0d-bd3b-aaeb389eb410',
};
/** Production mode: the only mode in which real Graph credentials are accepted. */
const production = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'x',
  MicrosoftAppTenantId: ids.AZURE_TENANT_ID,
  ALLOWED_TENANT_ID: ids.AZURE_TENANT_ID,
  APPROVER_GROUP_ID: ids.AZURE_CLIENT_ID,
};

describe('choosing the Graph credential from the environment', () => {
  test('a client secret selects the client-secret credential', () => {
    const config = loadConfig({ ...production, ...ids, AZURE_CLIENT_SECRET: 'not-a-real-secret' });
    expect(createGraphTokenProvider(config).kind).toBe('client-secret');
  });

  test('a certificate path selects the client-certificate credential', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cert-')), 'graph.pem');
    writeFileSync(path, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const config = loadConfig({ ...production, ...ids, AZURE_CLIENT_CERTIFICATE_PATH: path });
    expect(createGraphTokenProvider(config).kind).toBe('client-certificate');
  });

  test('neither selects the managed identity (user-assigned with a client id, else system-assigned)', () => {
    expect(
      createGraphTokenProvider(loadConfig({ ...production, AZURE_CLIENT_ID: ids.AZURE_CLIENT_ID }))
        .kind,
    ).toBe('managed-identity');
    expect(createGraphTokenProvider(loadConfig(production)).kind).toBe('managed-identity');
  });

  test('the simulator gets a development token and Azure is never called', async () => {
    // Local mode refuses Graph credentials; the provider ignores them for the simulator anyway.
    const config = {
      ...loadConfig({ GRAPH_BASE_URL: 'http://127.0.0.1:4000' }),
      ...ids,
      AZURE_CLIENT_SECRET: 'not-a-real-secret',
    };
    const provider = createGraphTokenProvider(config);
    expect(provider.kind).toBe('development');
    await expect(provider.getToken()).resolves.toBe(DEVELOPMENT_TOKEN);
  });

  test('production mode cannot reach the development token: its Graph must be Microsoft Graph', () => {
    expect(() => loadConfig({ ...production, GRAPH_BASE_URL: 'http://127.0.0.1:4000' })).toThrow(
      /GRAPH_BASE_URL must be Microsoft Graph in production mode/,
    );
  });
});
