import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { buildPackage, type BuiltPackage } from './app-package';
import { PackageError } from './package-error';

function shownPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown && !shown.startsWith('..') ? shown : file;
}

/** What was written and checked, for whoever uploads the package. */
function report(built: BuiltPackage): string {
  const manifest = built.manifest as {
    manifestVersion?: string;
    id?: string;
    version?: string;
    bots?: { botId?: string }[];
    validDomains?: string[];
  };
  return [
    `Wrote ${shownPath(built.outFile)} (${built.bytes} bytes): ${built.entries.join(', ')}`,
    `  app id ${manifest.id}, version ${manifest.version}, bot id ${manifest.bots?.[0]?.botId}, valid domains ${manifest.validDomains?.join(', ')}`,
    `Validated offline against the Teams manifest schema v${manifest.manifestVersion} bundled with @microsoft/app-manifest: valid.`,
    `Wrote ${shownPath(built.slack.outFile)}: the Slack app manifest (request URLs on ${manifest.validDomains?.[0]}); create the Slack app from it at https://api.slack.com/apps (From an app manifest).`,
    ...built.notes.map((note) => `Note: ${note}`),
  ].join('\n');
}

/**
 * `npm run package [-- --out <file>] [--slack-out <file>]`: builds the Teams app package (default
 * `appPackage.zip`) and the Slack app manifest (default `slack-app.json` beside it) from `.env` and
 * the environment (the environment wins), validated offline. Exit code 1 with
 * every problem listed when the variables, the manifest or the icons are wrong.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'slack-out': { type: 'string' } },
    strict: true,
  });
  loadDotenv({ quiet: true });
  try {
    const built = await buildPackage({
      env: process.env,
      outFile: resolve(values.out ?? 'appPackage.zip'),
      ...(values['slack-out'] ? { slackOutFile: resolve(values['slack-out']) } : {}),
    });
    console.log(report(built));
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
