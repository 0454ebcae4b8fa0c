import { WebClient, LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Server } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { BackgroundTasks } from '../services/background-tasks';
import type { DirectoryPort } from '../services/ports/directory';
import type { RequestStore } from '../services/ports/request-store';
import type { SignInLinks } from '../services/sign-in-links';
import { SlackEventLog } from './event-log';
import { SlackIdentity } from './identity';
import { mountSlack } from './routes';
import { SlackSignatures } from './signature';
import { SlackApp } from './slack-app';
import { SlackNotifier } from './slack-notifier';

/** A sign-in link's ticket, which the client's debug lines would show in a message's body. */
const TICKET = /ticket=[\w-]+/g;

/** The Web API client's log lines, in the bot's own log (Slack's SDK logs to the console). */
function slackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.WARN;
  const line = (msg: unknown[]) => ({
    slack: msg.map(String).join(' ').replace(TICKET, 'ticket=[REDACTED]'),
  });
  return {
    debug: (...msg: unknown[]) => logger.debug(line(msg), 'slack client'),
    info: (...msg: unknown[]) => logger.info(line(msg), 'slack client'),
    warn: (...msg: unknown[]) => logger.warn(line(msg), 'slack client'),
    error: (...msg: unknown[]) => logger.error(line(msg), 'slack client'),
    setLevel: (next: LogLevel) => (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}

export interface SlackParts {
  notifier: SlackNotifier;
  /** Adds Slack's request URLs to the bot's server, once the services exist. */
  mount(
    server: Server,
    deps: {
      services: Services;
      tasks: BackgroundTasks;
      writesAsApprover: boolean;
      /** How approvers sign in from Slack when writes run as them. */
      signInLinks?: SignInLinks;
    },
  ): void;
}

/**
 * The Slack transport, from the configuration: the Web API client (`@slack/web-api`, which
 * honours Slack's `Retry-After` on 429 by itself), the identity mapping, the notifier and the
 * request URLs.
 */
export function createSlack(deps: {
  config: Config;
  store: RequestStore;
  directory: DirectoryPort;
  logger: Logger;
}): SlackParts {
  const { config, store, directory, logger } = deps;
  const slack = new WebClient(config.SLACK_BOT_TOKEN, {
    slackApiUrl: config.SLACK_API_URL,
    logger: slackLogger(logger),
    logLevel: LogLevel.WARN,
  });
  const identity = new SlackIdentity({
    slack,
    directory,
    store,
    tenantId: config.ALLOWED_TENANT_ID ?? config.MicrosoftAppTenantId ?? '',
  });
  const notifier = new SlackNotifier({
    slack,
    store,
    identity,
    channelId: config.SLACK_APPROVALS_CHANNEL_ID,
    logger,
  });
  return {
    notifier,
    mount(server, { services, tasks, writesAsApprover, signInLinks }) {
      const app = new SlackApp({
        services,
        store,
        slack,
        identity,
        tasks,
        logger,
        justificationMax: config.JUSTIFICATION_MAX_LENGTH,
        channelId: config.SLACK_APPROVALS_CHANNEL_ID,
        writesAsApprover,
        signInLinks,
      });
      mountSlack(server, {
        app,
        signatures: new SlackSignatures({ signingSecret: config.SLACK_SIGNING_SECRET ?? '' }),
        teamId: config.SLACK_TEAM_ID ?? '',
        events: new SlackEventLog(store, logger),
        logger,
      });
    },
  };
}
