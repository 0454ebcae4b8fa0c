import './esm-stand-ins';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { fillTemplate } from '../../src/package/fill-template';
import { bundledSchemaPath, validateManifest } from '../../src/package/manifest-schema';
import { PackageError } from '../../src/package/package-error';
import { readPackageValues } from '../../src/package/package-env';
import { exampleEnv, template } from './example-env';

function filledManifest(): Record<string, unknown> {
  const { values } = readPackageValues(exampleEnv(), { version: '1.0.0' });
  const { manifest, unknown } = fillTemplate(template(), values);
  expect(unknown).toEqual([]);
  return manifest as Record<string, unknown>;
}

describe('the manifest against the official schema', () => {
  let fetchSchema: jest.SpyInstance;
  beforeEach(() => {
    // Any attempt to reach the network fails the test instead of hanging on it.
    fetchSchema = jest
      .spyOn(AppManifestUtils, 'fetchSchema')
      .mockRejectedValue(new Error('validation must not fetch a schema'));
  });
  afterEach(() => fetchSchema.mockRestore());

  test('the template is at schema v1.30, the newest stable one the validator bundles', () => {
    const manifest = filledManifest();
    expect(manifest.manifestVersion).toBe('1.30');
    expect(bundledSchemaPath(manifest.$schema)).toMatch(/json-schemas[\\/]teams[\\/]v1\.30[\\/]/);
  });

  test('the filled manifest validates against that schema, offline', async () => {
    const { errors } = await validateManifest(filledManifest());
    expect(errors).toEqual([]);
    expect(fetchSchema).not.toHaveBeenCalled();
  });

  test('a manifest that breaks the schema is refused with the schema’s own messages', async () => {
    const manifest = filledManifest();
    const { errors } = await validateManifest({
      ...manifest,
      id: 'not-a-guid',
      name: { short: 'x'.repeat(31) },
      accentColor: 'purple',
    });
    expect(errors.join('\n')).toMatch(/\/id must match pattern/);
    expect(errors.join('\n')).toMatch(/\/name\/short must NOT have more than 30 characters/);
    expect(errors.join('\n')).toMatch(/\/accentColor must match pattern/);
    expect(fetchSchema).not.toHaveBeenCalled();
  });

  test('a schema the validator does not bundle is refused rather than fetched', async () => {
    const manifest = {
      ...filledManifest(),
      $schema:
        'https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json',
    };
    await expect(validateManifest(manifest)).rejects.toThrow(PackageError);
    await expect(
      validateManifest({ ...manifest, $schema: 'https://example.com/schema.json' }),
    ).rejects.toThrow(/not a Teams manifest schema bundled/);
    expect(fetchSchema).not.toHaveBeenCalled();
  });

  test('the bot is in personal, team and group chat scopes, conversational, without files', () => {
    const manifest = filledManifest();
    expect(manifest.bots).toEqual([
      expect.objectContaining({
        botId: exampleEnv().TEAMS_BOT_ID,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
      }),
    ]);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(manifest.validDomains).toEqual([exampleEnv().BOT_DOMAIN]);
    expect(manifest).not.toHaveProperty('webApplicationInfo');
  });
});
