import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import JSZip from 'jszip';
import { fillTemplate } from './fill-template';
import { iconProblems, type IconKind } from './icon-check';
import { validateManifest } from './manifest-schema';
import { PackageError } from './package-error';
import { readPackageValues } from './package-env';
import { buildSlackManifest } from './slack-manifest';

/** The repository root, from `src/package` (tsx) or `dist/src/package` (compiled) alike. */
const ROOT =
  [join(__dirname, '..', '..'), join(__dirname, '..', '..', '..')].find((dir) =>
    existsSync(join(dir, 'manifest', 'manifest.template.json')),
  ) ?? join(__dirname, '..', '..');

/** `manifest/`: the template and the two icons. */
export const MANIFEST_DIR = join(ROOT, 'manifest');

export interface BuildPackageOptions {
  /** Where the variables come from (the CLI passes `process.env` after loading `.env`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The zip to write; its folder is created. */
  outFile: string;
  /** Holds `manifest.template.json` and the icons it names (default `manifest/`). */
  manifestDir?: string;
  /** The app version when `TEAMS_APP_VERSION` is empty (default: package.json's version). */
  version?: string;
  /** Where the Slack app manifest goes (default `slack-app.json` beside the zip). */
  slackOutFile?: string;
}

export interface BuiltPackage {
  outFile: string;
  /** The filled manifest, as written to `manifest.json`. */
  manifest: Record<string, unknown>;
  /** The zip's entries, all at its root. */
  entries: string[];
  bytes: number;
  /** The bundled schema file the manifest was validated against. */
  schemaPath: string;
  /** Defaults that were taken, worth telling whoever builds the package. */
  notes: string[];
  /** The Slack app manifest written beside the package, for creating the Slack app from it. */
  slack: { outFile: string; manifest: Record<string, unknown> };
}

async function defaultVersion(): Promise<string> {
  const json = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return json.version ?? '1.0.0';
}

/** The icon files the manifest names, checked to sit next to it (the zip has no folders). */
async function readIcons(manifest: Record<string, unknown>, dir: string) {
  const icons = (manifest.icons ?? {}) as Partial<Record<IconKind, unknown>>;
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    if (typeof name !== 'string' || name !== basename(name)) {
      problems.push(`icons.${kind} must name a file next to the manifest, e.g. "${kind}.png".`);
      continue;
    }
    const bytes = await readFile(join(dir, name)).catch(() => undefined);
    if (!bytes) problems.push(`${name} (icons.${kind}) is not in ${dir}.`);
    else problems.push(...iconProblems(kind, name, bytes));
    if (bytes) files.set(name, bytes);
  }
  return { files, problems };
}

/** Fills the template from the variables; every missing or wrong one is reported at once. */
async function fill(options: BuildPackageOptions, dir: string) {
  const template: unknown = JSON.parse(await readFile(join(dir, 'manifest.template.json'), 'utf8'));
  const { values, notes, webApplicationInfo } = readPackageValues(options.env, {
    version: options.version ?? (await defaultVersion()),
  });
  const filled = fillTemplate(template, values);
  const unknown = filled.unknown;
  const manifest = webApplicationInfo
    ? { ...(filled.manifest as Record<string, unknown>), webApplicationInfo }
    : filled.manifest;
  if (unknown.length > 0) {
    throw new PackageError(
      'package-invalid',
      unknown.map((name) => `manifest.template.json uses \${{${name}}}, which nothing fills.`),
    );
  }
  return { manifest: manifest as Record<string, unknown>, notes, values };
}

/**
 * Builds the Teams app package: fills `manifest.template.json` from the variables, validates the
 * result offline against the official schema for its version, checks the icons, and writes a zip
 * holding exactly `manifest.json` and the two icons at its root. Throws a `PackageError` listing
 * every problem; nothing is written unless the package is valid.
 */
export async function buildPackage(options: BuildPackageOptions): Promise<BuiltPackage> {
  const dir = options.manifestDir ?? MANIFEST_DIR;
  const { manifest, notes, values } = await fill(options, dir);
  const { errors, schemaPath } = await validateManifest(manifest);
  const icons = await readIcons(manifest, dir);
  const problems = [...errors.map((e) => `manifest.json: ${e.trim()}`), ...icons.problems];
  const slackManifest = await buildSlackManifest(dir, {
    BOT_NAME: values.BOT_NAME ?? '',
    BOT_DOMAIN: values.BOT_DOMAIN ?? '',
  }).catch((error: unknown) => {
    if (!(error instanceof PackageError)) throw error;
    problems.push(...error.problems);
    return undefined;
  });
  if (problems.length > 0 || !slackManifest) throw new PackageError('package-invalid', problems);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, bytes] of icons.files) zip.file(name, bytes);
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await mkdir(dirname(options.outFile), { recursive: true });
  await writeFile(options.outFile, content);
  const slackOutFile = options.slackOutFile ?? join(dirname(options.outFile), 'slack-app.json');
  await mkdir(dirname(slackOutFile), { recursive: true });
  await writeFile(slackOutFile, `${JSON.stringify(slackManifest, null, 2)}\n`);
  return {
    outFile: options.outFile,
    manifest,
    entries: ['manifest.json', ...icons.files.keys()],
    bytes: content.length,
    schemaPath,
    notes,
    slack: { outFile: slackOutFile, manifest: slackManifest },
  };
}
