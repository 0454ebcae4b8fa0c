import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv, { type JSONSchemaType } from 'ajv';
import { SLACK_PATHS } from '../slack/routes';
import { NEW_REQUEST_SHORTCUT, SLASH_COMMAND } from '../slack/slack-app';
import { fillTemplate } from './fill-template';
import { PackageError } from './package-error';

/** The Slack app manifest template, beside the Teams one. */
export const SLACK_TEMPLATE = 'slack-app.template.json';

/**
 * The parts of a Slack app manifest (v1) this app uses, with the limits Slack's app manifest
 * reference documents: a manifest Slack would refuse is refused here, before anyone pastes it.
 */
interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: {
    name: string;
    description: string;
    background_color: string;
    long_description: string;
  };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string; always_online: boolean };
    shortcuts: { name: string; type: string; callback_id: string; description: string }[];
    slash_commands: {
      command: string;
      url: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const str = (minLength: number, maxLength: number, pattern?: string) =>
  ({ type: 'string', minLength, maxLength, ...(pattern ? { pattern } : {}) }) as const;
const bool = { type: 'boolean' } as const;
const HTTPS = '^https://[^\\s]+$';
const object = <T extends Record<string, unknown>>(properties: T) => ({
  type: 'object' as const,
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

const schema = object({
  _metadata: object({
    major_version: { type: 'integer', const: 1 },
    minor_version: { type: 'integer', minimum: 0 },
  }),
  display_information: object({
    name: str(1, 35),
    description: str(1, 140),
    background_color: str(4, 7, '^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$'),
    long_description: str(175, 4000),
  }),
  features: object({
    app_home: object({
      home_tab_enabled: bool,
      messages_tab_enabled: bool,
      messages_tab_read_only_enabled: bool,
    }),
    bot_user: object({ display_name: str(1, 80), always_online: bool }),
    shortcuts: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: object({
        name: str(1, 24),
        type: { type: 'string', enum: ['global', 'message'] },
        callback_id: str(1, 255),
        description: str(1, 150),
      }),
    },
    slash_commands: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: object({
        command: str(2, 32, '^/[a-z0-9_-]+$'),
        url: str(9, 3000, HTTPS),
        description: str(1, 2000),
        usage_hint: str(1, 1000),
        should_escape: bool,
      }),
    },
  }),
  oauth_config: object({
    scopes: object({
      bot: {
        type: 'array',
        maxItems: 255,
        uniqueItems: true,
        items: str(1, 50, '^[a-z_]+(:[a-z_.]+)?$'),
      },
    }),
  }),
  settings: object({
    event_subscriptions: object({
      request_url: str(9, 3500, HTTPS),
      bot_events: { type: 'array', maxItems: 100, uniqueItems: true, items: str(1, 50) },
    }),
    interactivity: object({
      is_enabled: bool,
      request_url: str(9, 3500, HTTPS),
      message_menu_options_url: str(9, 3500, HTTPS),
    }),
    org_deploy_enabled: bool,
    socket_mode_enabled: bool,
    token_rotation_enabled: bool,
  }),
}) as unknown as JSONSchemaType<SlackManifest>;

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** Each bot event needs its scope; the methods the bot calls need the others. */
const EVENT_SCOPES: Record<string, string> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
};

/**
 * The Slack app manifest, filled from the same variables as the Teams package: the bot's public
 * host name for the four request URLs (the routes the bot serves), its name, the slash command and
 * the shortcut the bot answers. Checked against Slack's documented limits and against itself (a
 * scope for every event). Throws a `PackageError` listing every problem.
 */
export async function buildSlackManifest(
  dir: string,
  values: { BOT_NAME: string; BOT_DOMAIN: string },
): Promise<Record<string, unknown>> {
  const template: unknown = JSON.parse(await readFile(join(dir, SLACK_TEMPLATE), 'utf8'));
  const filled = fillTemplate(template, {
    ...values,
    SLACK_COMMAND: SLASH_COMMAND,
    SLACK_SHORTCUT: NEW_REQUEST_SHORTCUT,
    SLACK_COMMANDS_PATH: SLACK_PATHS.commands,
    SLACK_INTERACTIVITY_PATH: SLACK_PATHS.interactivity,
    SLACK_OPTIONS_PATH: SLACK_PATHS.options,
    SLACK_EVENTS_PATH: SLACK_PATHS.events,
  });
  const problems = filled.unknown.map(
    (name) => `${SLACK_TEMPLATE} uses \${{${name}}}, which nothing fills.`,
  );
  const manifest = filled.manifest as SlackManifest;
  if (!validate(manifest)) {
    for (const error of validate.errors ?? []) {
      problems.push(`slack-app.json: ${error.instancePath || '/'} ${error.message ?? ''}`.trim());
    }
  } else {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      const scope = EVENT_SCOPES[event];
      if (!scope) problems.push(`slack-app.json: the bot does not handle the event ${event}.`);
      else if (!scopes.has(scope))
        problems.push(`slack-app.json: ${event} needs the ${scope} scope.`);
    }
  }
  if (problems.length > 0) throw new PackageError('package-invalid', problems);
  return manifest as unknown as Record<string, unknown>;
}
