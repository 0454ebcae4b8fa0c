import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { PackageError } from './package-error';

const TEAMS_SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/json-schemas\/(teams\/(?:v\d+\.\d+|vDevPreview)\/MicrosoftTeams\.schema\.json)$/;

type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/**
 * The file inside `@microsoft/app-manifest` that holds the schema a manifest's `$schema` names.
 * Throws when the package does not bundle it: that schema could only be fetched, and the package
 * must validate offline.
 */
export function bundledSchemaPath(schemaUrl: unknown): string {
  const match = typeof schemaUrl === 'string' ? TEAMS_SCHEMA_URL.exec(schemaUrl) : null;
  const root = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build');
  const path = match?.[1] === undefined ? undefined : join(root, 'json-schemas', match[1]);
  if (path === undefined || !existsSync(path)) {
    throw new PackageError('package-invalid', [
      `$schema ${JSON.stringify(schemaUrl)} is not a Teams manifest schema bundled with @microsoft/app-manifest; use e.g. https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json.`,
    ]);
  }
  return path;
}

/** The bundled schema, parsed the way `AppManifestUtils.fetchSchema` parses it. */
function loadSchema(path: string): Schema {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return JSON.parse(text.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Schema;
}

/**
 * Validates a manifest against the official schema its `$schema` names, offline: the schema is
 * read from the copy bundled in `@microsoft/app-manifest` and handed to
 * `AppManifestUtils.validateAgainstSchema`, which then never fetches. Returns the schema's error
 * messages (none when valid) and the manifest version checked.
 */
export async function validateManifest(
  manifest: unknown,
): Promise<{ errors: string[]; schemaPath: string }> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new PackageError('package-invalid', ['the manifest is not a JSON object.']);
  }
  const schemaPath = bundledSchemaPath((manifest as { $schema?: unknown }).$schema);
  // The schema, not this cast, is the check: whatever the object holds is validated next.
  const errors = await AppManifestUtils.validateAgainstSchema(
    manifest as TeamsManifest,
    loadSchema(schemaPath),
  );
  return { errors, schemaPath };
}
