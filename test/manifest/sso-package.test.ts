import './esm-stand-ins';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildPackage } from '../../src/package/app-package';
import { validateManifest } from '../../src/package/manifest-schema';
import { PackageError } from '../../src/package/package-error';
import { exampleEnv } from './example-env';

describe('npm run package with writes as the approver', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sso-package-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GRAPH_WRITE_AS=approver adds webApplicationInfo for the bot, and the manifest validates against the official schema', async () => {
    const env: Record<string, string> = { ...exampleEnv(), GRAPH_WRITE_AS: 'approver' };
    const outFile = join(dir, 'appPackage.zip');
    const built = await buildPackage({ env, outFile });
    const bot = env.TEAMS_BOT_ID;
    expect(built.manifest.webApplicationInfo).toEqual({
      id: bot,
      resource: `api://botid-${bot}`,
    });
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<
      string,
      unknown
    >;
    expect(manifest.webApplicationInfo).toEqual(built.manifest.webApplicationInfo);
    expect((await validateManifest(manifest)).errors).toEqual([]);
  });

  test('an Application ID URI with a domain is kept as given', async () => {
    const bot = exampleEnv().TEAMS_BOT_ID;
    const resource = `api://intune-assign-bot.azurewebsites.net/botid-${bot}`;
    const env = { ...exampleEnv(), GRAPH_WRITE_AS: 'approver', SSO_APP_ID_URI: resource };
    const built = await buildPackage({ env, outFile: join(dir, 'a.zip') });
    expect(built.manifest.webApplicationInfo).toEqual({ id: bot, resource });
  });

  test('an Application ID URI for another bot is refused and no package is written', async () => {
    const env = {
      ...exampleEnv(),
      GRAPH_WRITE_AS: 'approver',
      SSO_APP_ID_URI: 'api://botid-00000000-0000-0000-0000-000000000000',
    };
    const outFile = join(dir, 'b.zip');
    const error = await buildPackage({ env, outFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).problems.join('\n')).toMatch(
      /SSO_APP_ID_URI: must be api:\/\/botid-/,
    );
    expect(() => readFileSync(outFile)).toThrow();
  });

  test('writes as the app (the default) leave webApplicationInfo out', async () => {
    const built = await buildPackage({ env: exampleEnv(), outFile: join(dir, 'c.zip') });
    expect(built.manifest).not.toHaveProperty('webApplicationInfo');
  });
});
