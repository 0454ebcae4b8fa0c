import './esm-stand-ins';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildPackage } from '../../src/package/app-package';
import { fillTemplate } from '../../src/package/fill-template';
import { PackageError } from '../../src/package/package-error';
import { readPackageValues } from '../../src/package/package-env';
import { exampleEnv, ROOT, template } from './example-env';

const BOT = '3f2b7c1d-9e8a-4b6c-8d5e-1a2b3c4d5e6f';

async function problemsOf(
  promise: Promise<unknown>,
): Promise<{ code: string; problems: string[] }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

describe('npm run package', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'app-package-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the variables of .env.example alone give a valid package', async () => {
    const built = await buildPackage({ env: exampleEnv(), outFile: join(dir, 'appPackage.zip') });
    expect(built.entries).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(built.manifest).toMatchObject({
      id: exampleEnv().TEAMS_BOT_ID,
      version: '0.1.0',
      validDomains: ['intune-assign-bot.azurewebsites.net'],
    });
    expect(built.notes.join('\n')).toMatch(/MicrosoftAppId is empty/);
  });

  test('the zip holds exactly the three files at its root, and they round-trip', async () => {
    const outFile = join(dir, 'nested', 'appPackage.zip');
    const built = await buildPackage({ env: exampleEnv(), outFile });
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as unknown;
    expect(manifest).toEqual(built.manifest);
    for (const icon of ['color.png', 'outline.png']) {
      const bytes = await zip.file(icon)!.async('nodebuffer');
      expect(bytes.equals(readFileSync(join(ROOT, 'manifest', icon)))).toBe(true);
    }
  });

  test('every missing variable is reported at once, and nothing is written', async () => {
    const outFile = join(dir, 'appPackage.zip');
    const { code, problems } = await problemsOf(buildPackage({ env: {}, outFile }));
    expect(code).toBe('package-config-invalid');
    const names = problems.map((p) => /^[A-Za-z_]+/.exec(p)?.[0]).sort();
    expect(names).toEqual([
      'BOT_DOMAIN',
      'BOT_NAME',
      'DEVELOPER_NAME',
      'DEVELOPER_PRIVACY_URL',
      'DEVELOPER_TERMS_URL',
      'DEVELOPER_WEBSITE_URL',
      'TEAMS_BOT_ID',
    ]);
    expect(existsSync(outFile)).toBe(false);
  });

  test('wrong values are reported with the missing ones', async () => {
    const env = {
      ...exampleEnv(),
      TEAMS_BOT_ID: '',
      MicrosoftAppId: 'my-bot',
      TEAMS_APP_ID: '{not-a-guid}',
      BOT_DOMAIN: 'https://bot.contoso.com/api/messages',
      BOT_NAME: 'An app name well over thirty characters',
      DEVELOPER_PRIVACY_URL: 'http://contoso.com/privacy',
      TEAMS_APP_VERSION: 'v2',
      DEVELOPER_NAME: ' ',
    };
    const { problems } = await problemsOf(buildPackage({ env, outFile: join(dir, 'x.zip') }));
    expect(problems).toEqual([
      expect.stringMatching(/^BOT_NAME: must be at most 30 characters/),
      expect.stringMatching(/^BOT_DOMAIN: must be a host name only/),
      expect.stringMatching(/^DEVELOPER_NAME is missing/),
      expect.stringMatching(/^DEVELOPER_PRIVACY_URL: must be an https:\/\/ URL/),
      'MicrosoftAppId: must be a GUID.',
      'TEAMS_APP_ID: must be a GUID.',
      'TEAMS_APP_VERSION: must be a version like 1.2.3.',
    ]);
  });

  test('a manifest the schema refuses and a wrong icon are reported together, and nothing is written', async () => {
    const manifestDir = join(dir, 'manifest');
    mkdirSync(manifestDir);
    const broken = template() as { bots: { commandLists: { commands: unknown[] }[] }[] };
    const personal = broken.bots[0]!.commandLists[0]!;
    personal.commands = Array.from({ length: 13 }, (_, i) => ({ title: `command ${i}` }));
    writeFileSync(join(manifestDir, 'manifest.template.json'), JSON.stringify(broken));
    copyFileSync(join(ROOT, 'manifest', 'color.png'), join(manifestDir, 'color.png'));
    copyFileSync(join(ROOT, 'manifest', 'color.png'), join(manifestDir, 'outline.png'));
    copyFileSync(
      join(ROOT, 'manifest', 'slack-app.template.json'),
      join(manifestDir, 'slack-app.template.json'),
    );
    const outFile = join(dir, 'appPackage.zip');

    const { code, problems } = await problemsOf(
      buildPackage({ env: exampleEnv(), outFile, manifestDir }),
    );
    expect(code).toBe('package-invalid');
    expect(problems).toEqual([
      expect.stringMatching(
        /^manifest\.json: \/bots\/0\/commandLists\/0\/commands must NOT have more than 12 items/,
      ),
      expect.stringMatching(/^outline\.png \(outline icon\) is 192x192; Teams requires 32x32/),
      expect.stringMatching(
        /^outline\.png \(outline icon\) has \d+ pixels that are neither white nor transparent/,
      ),
    ]);
    expect(existsSync(outFile)).toBe(false);
  });

  test('the bot id is MicrosoftAppId when TEAMS_BOT_ID is empty, and the two may not disagree', async () => {
    const env = { ...exampleEnv(), TEAMS_BOT_ID: '', MicrosoftAppId: BOT };
    const built = await buildPackage({ env, outFile: join(dir, 'a.zip') });
    expect(built.manifest).toMatchObject({
      id: BOT,
      bots: [expect.objectContaining({ botId: BOT })],
    });

    const both = { ...exampleEnv(), MicrosoftAppId: BOT };
    const { problems } = await problemsOf(buildPackage({ env: both, outFile: join(dir, 'b.zip') }));
    expect(problems).toEqual([expect.stringMatching(/^TEAMS_BOT_ID and MicrosoftAppId differ/)]);
  });

  test('TEAMS_APP_ID and TEAMS_APP_VERSION override the defaults', () => {
    const appId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const env = { ...exampleEnv(), TEAMS_APP_ID: appId, TEAMS_APP_VERSION: '2.3.4' };
    const { values } = readPackageValues(env, { version: '0.1.0' });
    expect(values).toMatchObject({ TEAMS_APP_ID: appId, TEAMS_APP_VERSION: '2.3.4' });
  });

  test('values are filled into strings, so quotes cannot break the JSON; unknown names are listed', () => {
    const filled = fillTemplate(
      { name: '${{BOT_NAME}} (${{NOPE}})', list: ['${{BOT_NAME}}'], n: 1 },
      { BOT_NAME: 'Say "hi" \\ there' },
    );
    expect(filled).toEqual({
      manifest: { name: 'Say "hi" \\ there (${{NOPE}})', list: ['Say "hi" \\ there'], n: 1 },
      unknown: ['NOPE'],
    });
  });
});
