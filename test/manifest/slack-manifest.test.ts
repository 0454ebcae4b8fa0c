import './esm-stand-ins';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage } from '../../src/package/app-package';
import { PackageError } from '../../src/package/package-error';
import { MANIFEST_SCOPES } from '../../src/simulator/slack/fake-slack';
import { SlackSender } from '../../src/simulator/slack/slack-sender';
import { slackHarness, type SlackHarness } from '../support/slack-harness';
import { exampleEnv, ROOT } from './example-env';

interface Manifest {
  display_information: { name: string; long_description: string };
  features: {
    slash_commands: { command: string; url: string }[];
    shortcuts: { callback_id: string; type: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { request_url: string; message_menu_options_url: string };
  };
}

const SLACK_TEMPLATE = join(ROOT, 'manifest', 'slack-app.template.json');

/** A manifest folder holding the real Teams template and icons and the given Slack template. */
function manifestDirWith(dir: string, slackTemplate: unknown): string {
  const manifestDir = join(dir, 'manifest');
  mkdirSync(manifestDir);
  for (const file of ['manifest.template.json', 'color.png', 'outline.png']) {
    copyFileSync(join(ROOT, 'manifest', file), join(manifestDir, file));
  }
  writeFileSync(join(manifestDir, 'slack-app.template.json'), JSON.stringify(slackTemplate));
  return manifestDir;
}

const slackTemplate = () => JSON.parse(readFileSync(SLACK_TEMPLATE, 'utf8')) as Manifest;

describe('the Slack app manifest from npm run package', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'slack-manifest-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('is written beside the Teams package, named after the bot, with every URL on BOT_DOMAIN', async () => {
    const env = { ...exampleEnv(), BOT_DOMAIN: 'approvals.contoso.example', BOT_NAME: 'Contoso' };
    const built = await buildPackage({ env, outFile: join(dir, 'out', 'appPackage.zip') });
    expect(built.slack.outFile).toBe(join(dir, 'out', 'slack-app.json'));
    const written = JSON.parse(readFileSync(built.slack.outFile, 'utf8')) as Manifest;
    expect(written).toEqual(built.slack.manifest);
    expect(written.display_information.name).toBe('Contoso');
    const urls = [
      written.features.slash_commands[0]!.url,
      written.settings.event_subscriptions.request_url,
      written.settings.interactivity.request_url,
      written.settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/approvals\.contoso\.example\/api\//);
    expect(written.features.slash_commands[0]!.command).toBe('/intune-assign');
    expect(written.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'global', callback_id: 'new_request' }),
    ]);
    expect(JSON.stringify(written)).not.toMatch(/\$\{\{/);
  });

  test('asks for the scopes the bot uses and no more', async () => {
    const built = await buildPackage({ env: exampleEnv(), outFile: join(dir, 'appPackage.zip') });
    const manifest = built.slack.manifest as unknown as Manifest;
    // The simulated Slack grants exactly these, and every Slack test passes with them.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...MANIFEST_SCOPES].sort());
    expect(MANIFEST_SCOPES).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read', 'users:read.email']),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im']);
  });

  test('a template breaking Slack’s limits is refused with every problem, and nothing is written', async () => {
    const broken = slackTemplate();
    broken.display_information.long_description = 'Too short for Slack.';
    broken.features.slash_commands[0]!.command = 'intune-assign';
    broken.settings.event_subscriptions.bot_events.push('reaction_added');
    const manifestDir = manifestDirWith(dir, broken);
    const outFile = join(dir, 'appPackage.zip');
    const error = await buildPackage({ env: exampleEnv(), outFile, manifestDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).problems).toEqual([
      expect.stringMatching(
        /^slack-app\.json: \/display_information\/long_description must NOT have fewer than 175 characters/,
      ),
      expect.stringMatching(/^slack-app\.json: \/features\/slash_commands\/0\/command must match/),
    ]);
    expect(() => readFileSync(join(dir, 'slack-app.json'))).toThrow();
    expect(() => readFileSync(outFile)).toThrow();
  });

  test('an event without its scope is refused by name', async () => {
    const broken = slackTemplate();
    broken.oauth_config.scopes.bot = broken.oauth_config.scopes.bot.filter(
      (s) => s !== 'im:history',
    );
    const manifestDir = manifestDirWith(dir, broken);
    const error = await buildPackage({
      env: exampleEnv(),
      outFile: join(dir, 'appPackage.zip'),
      manifestDir,
    }).catch((e: unknown) => e);
    expect((error as PackageError).problems).toEqual([
      'slack-app.json: message.im needs the im:history scope.',
    ]);
  });
});

describe('the Slack app manifest against the running bot', () => {
  let s: SlackHarness;
  let manifest: Manifest;
  let sender: SlackSender;
  beforeAll(async () => {
    s = await slackHarness();
    const dir = mkdtempSync(join(tmpdir(), 'slack-manifest-'));
    const built = await buildPackage({ env: exampleEnv(), outFile: join(dir, 'appPackage.zip') });
    rmSync(dir, { recursive: true, force: true });
    manifest = built.slack.manifest as unknown as Manifest;
    const path = (url: string) => new URL(url).pathname;
    sender = new SlackSender({
      ...s.slack.options,
      paths: {
        commands: path(manifest.features.slash_commands[0]!.url),
        interactivity: path(manifest.settings.interactivity.request_url),
        options: path(manifest.settings.interactivity.message_menu_options_url),
        events: path(manifest.settings.event_subscriptions.request_url),
      },
    });
  });
  afterAll(() => s.close());

  test('its slash command at its URL opens the request modal', async () => {
    const command = manifest.features.slash_commands[0]!.command;
    expect((await sender.command(s.people.megan, command, '')).status).toBe(200);
    await s.h.settle();
    expect(s.fake.openViews(s.people.megan.id)).toHaveLength(1);
  });

  test('its shortcut at the interactivity URL opens the request modal too', async () => {
    const shortcut = manifest.features.shortcuts[0]!.callback_id;
    expect((await sender.shortcut(s.people.patti, shortcut)).status).toBe(200);
    await s.h.settle();
    expect(s.fake.openViews(s.people.patti.id)).toHaveLength(1);
  });

  test('its options load URL answers the typeahead, and its events URL answers Slack’s check', async () => {
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    const options = await sender.blockSuggestion(s.people.megan, {
      action_id: 'item',
      block_id: 'item',
      value: 'zoom',
      view: { ...modal.view, id: modal.id },
    });
    expect(JSON.stringify(options.body)).toMatch(/Zoom/);
    const verified = await sender.urlVerification('challenge-from-slack');
    expect(verified.body).toEqual({ challenge: 'challenge-from-slack' });
  });
});
