import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function start(env: Record<string, string>) {
  return spawnSync(TSX, ['src/index.ts'], {
    cwd: ROOT,
    // A clean environment: only what the test gives (plus PATH and HOME to run at all).
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DOTENV_CONFIG_PATH: '/nonexistent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('start-up with bad configuration', () => {
  test('production mode with missing and contradictory settings exits non-zero and lists every problem', () => {
    const secret = 'SuperSecretBotPassword~123';
    const result = start({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppPassword: secret,
      AZURE_CLIENT_SECRET: 'another-secret',
      AZURE_CLIENT_CERTIFICATE_PATH: '/etc/cert.pem',
      GRAPH_BASE_URL: 'http://127.0.0.1:4000',
      STORAGE: 'memory',
      PORT: 'eighty',
    });
    expect(result.status).toBe(1);
    const output = `${result.stdout}\n${result.stderr}`;
    for (const problem of [
      /PORT/,
      /choose one Graph credential/,
      /AZURE_TENANT_ID is required/,
      /AZURE_CLIENT_ID is required/,
    ]) {
      expect(output).toMatch(problem);
    }
    expect(output).not.toContain(secret);
    expect(output).not.toContain('another-secret');
  });

  test('production mode with only an app id lists everything else it needs', () => {
    const result = start({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      GRAPH_BASE_URL: 'http://127.0.0.1:4000',
      STORAGE: 'memory',
    });
    expect(result.status).toBe(1);
    const output = result.stderr;
    for (const problem of [
      /MicrosoftAppPassword is required/,
      /MicrosoftAppTenantId is required/,
      /ALLOWED_TENANT_ID is required/,
      /GRAPH_BASE_URL must be Microsoft Graph/,
      /APPROVER_GROUP_ID or APPROVER_USER_IDS is required/,
      /STORAGE=memory/,
    ]) {
      expect(output).toMatch(problem);
    }
  });
});
