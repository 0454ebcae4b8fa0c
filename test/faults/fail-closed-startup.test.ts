import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTenant } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const GRAPH_SECRET = 'GraphSecret~Never.Print.This~7';

/** The real entry point's environment: only what a test gives, plus PATH and HOME to run at all. */
const cleanEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DOTENV_CONFIG_PATH: '/nonexistent',
  STORAGE: 'memory',
  PORT: '0',
  ...env,
});

function run(env: Record<string, string>) {
  return spawnSync(TSX, ['src/index.ts'], {
    cwd: ROOT,
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('unauthenticated local mode runs only against the simulated tenant, on loopback', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ tenant: createTenant(), port: 0 });
  });
  afterAll(() => sim.close());

  test('Graph credentials and Microsoft Graph without MicrosoftAppId: it exits 1 naming the problem and never listens', () => {
    const result = run({
      AZURE_TENANT_ID: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
      AZURE_CLIENT_ID: 'c84f72d8-3ffc-4f0d-bd3b-aaeb389eb410',
      AZURE_CLIENT_SECRET: GRAPH_SECRET,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppId is empty/);
    expect(result.stderr).toMatch(/GRAPH_BASE_URL is Microsoft Graph/);
    expect(result.stderr).toMatch(/AZURE_CLIENT_SECRET is set/);
    expect(result.stderr).toMatch(/set MicrosoftAppId/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(GRAPH_SECRET);
    expect(result.stdout).not.toMatch(/bot listening/);
  });

  test('HOST=0.0.0.0 without MicrosoftAppId: it exits 1 naming HOST', () => {
    const result = run({ GRAPH_BASE_URL: sim.url, HOST: '0.0.0.0' });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/HOST is not a loopback address/);
    expect(result.stdout).not.toMatch(/bot listening/);
  });

  test('against the simulator it starts, listening on 127.0.0.1 only', async () => {
    // Straight to node (not the tsx CLI, which kills a child that answers a signal late).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: cleanEnv({ GRAPH_BASE_URL: sim.url, LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.on('exit', () => reject(new Error('the bot exited before listening')));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const logged = (JSON.parse(line) as { url?: string }).url;
        if (logged) resolve(logged);
      });
    });

    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
