import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFIG_KEYS,
  ConfigError,
  isMicrosoftGraph,
  listenHost,
  loadConfig,
} from '../../src/config';

describe('configuration', () => {
  test('local mode against the simulator gives the documented defaults, on loopback', () => {
    const config = loadConfig({ GRAPH_BASE_URL: 'http://127.0.0.1:4000' });
    expect(config).toMatchObject({
      GRAPH_INTUNE_VERSION: 'beta',
      PORT: 3978,
      MicrosoftAppType: 'SingleTenant',
    });
    expect(listenHost(config)).toBe('127.0.0.1');
  });

  test('an empty environment is refused: unauthenticated local mode against Microsoft Graph', () => {
    expect(() => loadConfig({})).toThrow(/GRAPH_BASE_URL is Microsoft Graph \(the default\)/);
  });

  test('local mode listens on a loopback HOST only; production mode on every interface by default', () => {
    const local = { GRAPH_BASE_URL: 'http://127.0.0.1:4000' };
    for (const HOST of ['localhost', '::1', '127.0.0.2']) {
      expect(listenHost(loadConfig({ ...local, HOST }))).toBe(HOST);
    }
    for (const HOST of ['0.0.0.0', '::', '10.0.0.4', 'bot.example.com']) {
      expect(() => loadConfig({ ...local, HOST })).toThrow(/HOST is not a loopback address/);
    }
    expect(listenHost({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555' })).toBe('0.0.0.0');
  });

  test('every problem is reported at once, in plain words', () => {
    let error: unknown;
    try {
      loadConfig({ GRAPH_INTUNE_VERSION: 'v2', PORT: 'eighty', GRAPH_BASE_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/GRAPH_INTUNE_VERSION/);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/GRAPH_BASE_URL/);
  });

  test('refuses a request limit that leaves the instances no reads beside the writes', () => {
    const env = { GRAPH_BASE_URL: 'http://127.0.0.1:4000', GRAPH_WRITES_PER_20S: '100' };
    expect(() => loadConfig({ ...env, GRAPH_REQUESTS_PER_20S: '100' })).toThrow(
      /GRAPH_REQUESTS_PER_20S must exceed GRAPH_WRITES_PER_20S/,
    );
    expect(() =>
      loadConfig({ ...env, GRAPH_REQUESTS_PER_20S: '102', GRAPH_INSTANCES: '3' }),
    ).toThrow(/split between the instances/);
    expect(loadConfig({ ...env, GRAPH_INSTANCES: '2' }).GRAPH_REQUESTS_PER_20S).toBe(1000);
  });

  test('a secret never appears in the error, even when the configuration around it is wrong', () => {
    const secret = 'S3cr3t~value.that~must~not~leak';
    let message = '';
    try {
      loadConfig({
        AZURE_CLIENT_SECRET: secret,
        AZURE_CLIENT_CERTIFICATE_PATH: '/cert.pem',
        PORT: secret,
      });
    } catch (e) {
      message = `${(e as Error).message} ${JSON.stringify(e)}`;
    }
    expect(message).toMatch(/choose one Graph credential/);
    expect(message).toMatch(/AZURE_TENANT_ID is required/);
    expect(message).not.toContain(secret);
  });

  test('only Microsoft Graph hosts count as Microsoft Graph', () => {
    expect(isMicrosoftGraph({ GRAPH_BASE_URL: 'https://graph.microsoft.com' })).toBe(true);
    expect(isMicrosoftGraph({ GRAPH_BASE_URL: 'https://graph.microsoft.us' })).toBe(true);
    expect(isMicrosoftGraph({ GRAPH_BASE_URL: 'http://127.0.0.1:4000' })).toBe(false);
  });
});

describe('.env.example', () => {
  test('documents every variable the bot reads, each with a comment above it', () => {
    const lines = readFileSync(join(__dirname, '../../.env.example'), 'utf8').split('\n');
    const undocumented = CONFIG_KEYS.filter((key) => {
      const at = lines.findIndex((line) => line.startsWith(`${key}=`));
      return at < 1 || !lines[at - 1]!.startsWith('#');
    });
    expect(undocumented).toEqual([]);
  });
});
