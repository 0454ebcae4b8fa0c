import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { ROOT } from './example-env';

const run = promisify(execFile);
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'package', 'build-package.ts');

/** Runs the CLI as `npm run package` does, in `cwd`, with nothing inherited but PATH. */
async function packageIn(cwd: string, env: Record<string, string> = {}) {
  const result = await run(TSX, [CLI], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run package from a fresh clone', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'package-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('with .env copied from .env.example it writes a valid appPackage.zip; the environment wins', async () => {
    copyFileSync(join(ROOT, '.env.example'), join(dir, '.env'));
    const { code, stdout } = await packageIn(dir, { BOT_NAME: 'From The Environment' });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Wrote appPackage\.zip \(\d+ bytes\): manifest\.json, color\.png, outline\.png/,
    );
    expect(stdout).toMatch(/schema v1\.30 bundled with @microsoft\/app-manifest: valid/);
    expect(stdout).toMatch(/Wrote slack-app\.json: the Slack app manifest/);
    expect(existsSync(join(dir, 'slack-app.json'))).toBe(true);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'appPackage.zip')));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      name: { short: string };
    };
    expect(manifest.name.short).toBe('From The Environment');
  });

  test('with neither .env nor variables it exits 1 listing every missing variable', async () => {
    const { code, stderr } = await packageIn(dir);
    expect(code).toBe(1);
    for (const name of ['TEAMS_BOT_ID', 'BOT_DOMAIN', 'BOT_NAME', 'DEVELOPER_TERMS_URL']) {
      expect(stderr).toContain(name);
    }
    expect(existsSync(join(dir, 'appPackage.zip'))).toBe(false);
    expect(existsSync(join(dir, 'slack-app.json'))).toBe(false);
  });
});
