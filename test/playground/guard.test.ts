import {
  PlaygroundRefused,
  productionSettings,
  refuseProductionSettings,
} from '../../src/playground/guard';
import { startPlayground } from '../../src/playground/playground';

describe('the playground refuses production settings', () => {
  test('an empty environment, or .env.example as copied, is fine', () => {
    expect(productionSettings({})).toEqual([]);
    expect(
      productionSettings({
        MicrosoftAppId: '',
        MicrosoftAppPassword: '  ',
        GRAPH_BASE_URL: 'https://graph.microsoft.com',
        AZURE_TENANT_ID: '8e2b1c4d-0000-4000-8000-000000000001',
      }),
    ).toEqual([]);
    // The stand-alone simulator is not production either (the playground uses its own anyway).
    expect(productionSettings({ GRAPH_BASE_URL: 'http://127.0.0.1:4000' })).toEqual([]);
  });

  test('bot and Graph credentials, and Microsoft Graph clouds, are named (never their values)', () => {
    const env = {
      MicrosoftAppId: '00000000-0000-4000-8000-00000000b07',
      MicrosoftAppPassword: 'bot-secret-value',
      AZURE_CLIENT_SECRET: 'graph-secret-value',
      AZURE_CLIENT_CERTIFICATE_PATH: '/etc/cert.pem',
      GRAPH_BASE_URL: 'https://graph.microsoft.us',
    };
    expect(productionSettings(env)).toEqual([
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'AZURE_CLIENT_SECRET',
      'AZURE_CLIENT_CERTIFICATE_PATH',
      'GRAPH_BASE_URL',
    ]);
    let refused: unknown;
    try {
      refuseProductionSettings(env);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PlaygroundRefused);
    const message = (refused as Error).message;
    expect(message).toMatch(/only against its built-in simulated tenant/);
    expect(message).toContain('AZURE_CLIENT_SECRET');
    expect(message).not.toContain('secret-value');
  });

  test('startPlayground refuses before starting anything', async () => {
    await expect(startPlayground({ env: { AZURE_CLIENT_SECRET: 'x' }, port: 0 })).rejects.toThrow(
      PlaygroundRefused,
    );
  });
});
