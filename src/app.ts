import type { TurnContext } from 'botbuilder';
import { createAdapter, type BotAdapter } from './bot/adapter';
import type { Server } from 'restify';
import { preloadTemplates, type Caps } from './cards';
import { isProductionMode, slackEnabled, type Config } from './config';
import { FanOutNotifier } from './services/fan-out-notifier';
import { createSlack } from './slack';
import { ApprovalsChannelSetting } from './bot/approvals-channel';
import { IntuneAssignBot } from './bot/bot';
import { CardActions } from './bot/card-actions';
import { CommandHandler } from './bot/command-handler';
import { Conversations } from './bot/conversations';
import { KnownUsers } from './bot/known-users';
import { SearchHandler } from './bot/search-handler';
import { TeamsNotifier } from './bot/teams-notifier';
import { TurnHooks } from './bot/turn-hooks';
import type { WizardViewDeps } from './bot/wizard-view';
import { intentOffer } from './services/intent-offer';
import { createGraph, offeredSettings, type GraphServices } from './graph';
import { createServer, listen } from './http/server';
import { addConsentRoutes, CONSENT_PATH } from './http/consent-routes';
import { DelegatedSignIn } from './graph/sign-in';
import { ApproverSignIn } from './bot/approver-sign-in';
import { slackSignIn } from './http/slack-sign-in';
import type { Logger } from './logger';
import { Authorizer, BackgroundTasks, createServices, type Services } from './services';
import { systemClock, type Clock } from './services/ports/clock';
import type { RequestStore } from './services/ports/request-store';
import { InProcessLeases } from './services/in-process-leases';
import { KeyedQueue, WRITE_CONCURRENCY } from './services/keyed-queue';
import type { ItemLock } from './services/ports/item-lock';
import type { Leases } from './services/ports/leases';
import { createStorage, instanceName, type Storage } from './storage/create-storage';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** The Graph layer; by default built from the configuration. */
  graph?: GraphServices;
  /** The request store; by default from `STORAGE`. */
  store?: RequestStore;
  clock?: Clock;
  /** How often expiry, reminders and unfinished requests are checked (default from the config). */
  sweepMs?: number;
  /** The per-item write lock; in process by default. */
  locks?: ItemLock;
  /** Leases for work one instance does at a time; in process by default. */
  leases?: Leases;
  /** Card style per turn (the playground overrides it). */
  capsOf?: (context: TurnContext) => Caps;
  /**
   * Appended to the `User-Agent` of this instance's Bot Connector calls: the playground's fake
   * connector tells its instances apart by it.
   */
  connectorUserAgent?: string;
}

export interface App {
  /** This instance's name, as its locks, leases and logs give it. */
  instance: string;
  server: Server;
  adapter: BotAdapter;
  services: Services;
  store: RequestStore;
  graph: GraphServices;
  users: KnownUsers;
  channel: ApprovalsChannelSetting;
  /** Listens, loads the catalog in the background and resumes unfinished requests. */
  start(port?: number, host?: string): Promise<string>;
  /** Stops taking turns, lets in-flight work finish, closes storage. */
  stop(): Promise<void>;
}

/**
 * The locks and leases that make instances take turns: in process for one instance (SQLite,
 * memory), or those given (Azure Blob leases, for several instances sharing Azure Storage).
 */
function createCoordination(
  storage: Storage,
  options: Pick<AppOptions, 'locks' | 'leases'>,
): { locks: ItemLock; leases: Leases } {
  return {
    locks: options.locks ?? storage.locks ?? new KeyedQueue(WRITE_CONCURRENCY),
    leases: options.leases ?? storage.leases ?? new InProcessLeases(),
  };
}

/**
 * One round of background work, on every instance: the expiry sweep and reminders under the
 * `sweep` lease (one instance at a time does them), and taking over requests no live instance
 * works on (each under its own lease).
 */
function background(services: Services, leases: Leases, logger: Logger): void {
  leases
    .tryRun('sweep', async () => {
      await services.expiry.sweep();
    })
    .catch((error: unknown) => logger.error({ err: error }, 'expiry sweep failed'));
  services.runner
    .resumeUnfinished()
    .then((taken) => {
      if (taken.started + taken.resumed + taken.polling > 0) {
        logger.info({ taken }, 'took over unfinished requests');
      }
    })
    .catch((error: unknown) => logger.error({ err: error }, 'taking over requests failed'));
}

/**
 * The composition root: config -> logger -> storage -> graph -> services -> bot -> server. Used by
 * `src/index.ts`, the playground and the end-to-end tests alike.
 */
export function createApp(options: AppOptions): App {
  const { config, logger } = options;
  preloadTemplates();
  const clock = options.clock ?? systemClock;
  const storage = options.store
    ? { store: options.store, instance: instanceName() }
    : createStorage(config, logger);
  const store = storage.store;
  const graph = options.graph ?? createGraph(config, logger);
  const adapter = createAdapter(config, logger.child({ component: 'adapter' }), {
    userAgent: options.connectorUserAgent,
  });
  const authorizer = Authorizer.fromConfig(graph.directory, config);
  const users = new KnownUsers(store);
  const channel = new ApprovalsChannelSetting(store, config.APPROVALS_CHANNEL_ID);
  const tasks = new BackgroundTasks(logger.child({ component: 'tasks' }));
  const conversations = new Conversations(adapter, config.MicrosoftAppId ?? '');
  const notifier = new TeamsNotifier({
    conversations,
    store,
    users,
    channel,
    authorizer,
    tasks,
    logger: logger.child({ component: 'notifier' }),
  });
  // Slack, when configured: the same requests, told in both chats.
  const slack = slackEnabled(config)
    ? createSlack({
        config,
        store,
        directory: graph.directory,
        logger: logger.child({ component: 'slack' }),
      })
    : undefined;
  const { locks, leases } = createCoordination(storage, options);
  const services = createServices({
    store,
    locks,
    leases,
    rate: storage.rate,
    intune: graph.intune,
    directory: graph.directory,
    notifier: slack ? new FanOutNotifier([notifier, slack.notifier]) : notifier,
    clock,
    authorizer,
    tasks,
    logger: logger.child({ component: 'services' }),
    assignmentSettings: (appType) => offeredSettings(appType, config.GRAPH_INTUNE_VERSION),
    settings: {
      ttlHours: config.REQUEST_TTL_HOURS,
      reminderBeforeHours: config.REMINDER_BEFORE_HOURS,
      justificationMaxLength: config.JUSTIFICATION_MAX_LENGTH,
      maaPollMs: config.MAA_POLL_SECONDS * 1000,
      maaTimeoutMs: 7 * 24 * 3600 * 1000,
      allowedTenantId: config.ALLOWED_TENANT_ID,
      writeLifetimeMs: config.GRAPH_WRITE_LIFETIME_MS,
      writesPer20s: config.GRAPH_WRITES_PER_20S,
      writeAs: config.GRAPH_WRITE_AS,
    },
  });
  // Writes as the approver: their Teams sign-in, exchanged on their behalf, at the click.
  let baseUrl = config.BOT_DOMAIN ? `https://${config.BOT_DOMAIN}` : '';
  const signInGraph =
    config.GRAPH_WRITE_AS === 'approver' ? new DelegatedSignIn(config) : undefined;
  const signIn =
    signInGraph &&
    new ApproverSignIn({
      port: signInGraph,
      connectionName: config.SSO_CONNECTION_NAME,
      consentPage: (user) => `${baseUrl}${CONSENT_PATH}?user=${encodeURIComponent(user.id)}`,
    });
  const wizardView: WizardViewDeps = {
    intentOffer: (draft) => intentOffer(graph.intune, draft),
    removable: async (draft) => {
      const found = await services.wizard.removable(draft);
      return found.ok ? found.value : [];
    },
    justificationMax: config.JUSTIFICATION_MAX_LENGTH,
    settings: services.wizard,
  };
  const commands: CommandHandler = new CommandHandler({
    services,
    store,
    channel,
    wizardView,
    clock,
    requestAnswer: (request, ctx) => actions.requestAnswer(request, ctx),
  });
  const actions = new CardActions({
    services,
    wizardView,
    command: (verb, ctx) => commands.fromVerb(verb, ctx),
    signIn,
  });
  const hooks = new TurnHooks(users, channel, authorizer, logger.child({ component: 'bot' }));
  const bot = new IntuneAssignBot({
    actions,
    commands,
    search: new SearchHandler(services),
    hooks,
    logger: logger.child({ component: 'bot' }),
    allowedTenantId: config.ALLOWED_TENANT_ID,
    capsOf: options.capsOf,
    turnBudgetMs: config.GRAPH_TURN_BUDGET_MS,
  });
  const server = createServer({
    adapter,
    // Answers go first: background work started meanwhile waits for the turns in flight.
    onTurn: (context) => tasks.answerFirst(() => bot.run(context)),
    logger: logger.child({ component: 'http' }),
    production: isProductionMode(config),
    readiness: {
      storage: async () => (await store.getSetting('readiness-probe'), true),
      graphToken: async () => (await graph.tokens.getToken()).length > 0,
      approvalsChannel: async () => (await channel.get()) !== undefined,
    },
  });
  // Approvers in Slack sign in to Entra ID through the bot's pages (no single sign-on there).
  const signInLinks =
    slack && signInGraph
      ? slackSignIn({
          server,
          services,
          signInGraph,
          store,
          clock,
          directory: graph.directory,
          baseUrl: () => baseUrl,
          logger: logger.child({ component: 'sign-in' }),
        })
      : undefined;
  slack?.mount(server, {
    services,
    tasks,
    writesAsApprover: config.GRAPH_WRITE_AS === 'approver',
    signInLinks,
  });
  if (signInGraph) {
    addConsentRoutes(server, {
      baseUrl: () => baseUrl,
      consentUrl: (redirect, hint) => signInGraph.consentUrl(redirect, hint),
      hintWithObjectId: !isProductionMode(config),
      logger: logger.child({ component: 'consent' }),
    });
  }
  let sweeper: NodeJS.Timeout | undefined;

  return {
    instance: storage.instance,
    server,
    adapter,
    services,
    store,
    graph,
    users,
    channel,
    async start(port = config.PORT, host = '127.0.0.1') {
      const url = await listen(server, port, host);
      // Locally the consent page is the bot's own loopback address.
      if (!config.BOT_DOMAIN) baseUrl = url;
      logger.info({ instance: storage.instance, storage: config.STORAGE }, 'instance started');
      graph.intune
        .start()
        .catch((error: unknown) =>
          logger.error({ err: error }, 'catalog load failed; searches will retry it'),
        );
      const resumed = await services.runner.resumeUnfinished();
      logger.info({ resumed }, 'took over unfinished requests');
      sweeper = setInterval(
        () => background(services, leases, logger),
        options.sweepMs ?? config.BACKGROUND_SWEEP_SECONDS * 1000,
      );
      sweeper.unref();
      return url;
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      // No new turns; turns in flight finish; idle keep-alive sockets would hold close() open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      await closed;
      await tasks.shutdown();
      graph.intune.stop();
      await store.close();
    },
  };
}
