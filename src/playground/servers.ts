import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { createApp, type App } from '../app';
import { capsFor } from '../bot/audience';
import { listenHost, type Config } from '../config';
import type { Logger } from '../logger';
import type { SimulatorHandle } from '../simulator/server';
import { mountApi } from './api-routes';
import { mountConnector } from './connector';
import { EventHub } from './events';
import { createFront } from './front';
import { instanceAgent } from './instance-agent';
import { mountPage } from './page-routes';
import { personasFrom, type Persona } from './personas';
import { TeamsShim } from './shim';
import { PlaygroundSlack } from './slack-client';
import { mountSlackApi } from './slack-routes';
import { ConversationStore } from './store';
import { PLAYGROUND_CAPS } from './teams-world';

/** What the page talks to, whichever server it is on: the store, the shim and the events. */
export interface Parts {
  store: ConversationStore;
  shim: TeamsShim;
  hub: EventHub;
  personas: Persona[];
  sim: SimulatorHandle;
  /** The simulated Slack the bot also speaks to, and the Slack view's side of it. */
  slack: PlaygroundSlack;
  /** Tells the page about new Graph writes; called after every call the bot made. */
  afterCall: () => void;
}

/** The conversations, their event stream and the shim, for the personas of the simulated tenant. */
export function playgroundParts(sim: SimulatorHandle): Parts {
  const personas = personasFrom(sim.control.tenant());
  const boot = Date.now().toString(36);
  const hub = new EventHub(boot);
  const store = new ConversationStore((event) => hub.publish(event), boot);
  // With writes as the approver, each persona signs in silently, as Teams does.
  const ssoToken = sim.entra
    ? (persona: Persona) => sim.control.teamsToken(persona.aadObjectId)
    : undefined;
  let writes = 0;
  const afterCall = () => {
    // The bot reports an assignment after Graph answered: the page is told about the write then.
    const count = sim.control.writes().length;
    if (count !== writes) hub.publish({ type: 'graph-writes', count });
    writes = count;
  };
  const slack = new PlaygroundSlack(personas, sim.control.tenant(), () => {
    hub.publish({ type: 'slack' });
    afterCall();
  });
  const shim = new TeamsShim(store, personas, ssoToken);
  return { store, shim, hub, personas, sim, slack, afterCall };
}

/** The fake connector, the page, its API (Slack's too) and its events, on `server`. */
function mount(server: Server, parts: Parts): void {
  const { store, shim, hub, personas, sim, slack, afterCall } = parts;
  mountConnector(server, { store, personas, afterCall });
  mountPage(server);
  mountApi(server, { store, shim, hub, personas, sim: sim.control });
  mountSlackApi(server, { slack, personas });
}

/** A bot; instance `n` of several names itself in its connector calls. */
function botApp(config: Config, logger: Logger, shim: TeamsShim, n?: number): App {
  return createApp({
    config,
    logger: n ? logger.child({ playgroundInstance: n }) : logger,
    capsOf: (context: TurnContext) =>
      shim.isShim(context.activity.serviceUrl)
        ? PLAYGROUND_CAPS
        : capsFor(context.activity.channelId),
    connectorUserAgent: n ? instanceAgent(n) : undefined,
  });
}

/**
 * Creates the bots and starts them with the server the page is on: the bot's own when it is the
 * only one (on `port`), else a front (on `port`) before bots on free ports, which `config` must
 * put on shared storage. Adds the closers to `closers` so that the bots stop before the front.
 */
export async function startBots(
  parts: Parts,
  setup: { config: Config; logger: Logger; instances: number; port: number },
  closers: (() => Promise<void>)[],
): Promise<{ apps: App[]; origin: string; urls: string[] }> {
  const { config, logger, instances, port } = setup;
  const host = listenHost(config);
  const several = instances > 1;
  const apps = Array.from({ length: instances }, (_, i) =>
    botApp(config, logger, parts.shim, several ? i + 1 : undefined),
  );
  const front = several ? createFront(instances) : undefined;
  if (front) closers.push(() => front.stop());
  for (const app of apps) closers.push(() => app.stop());
  mount(front?.server ?? (apps[0] as App).server, parts);
  const urls = await Promise.all(apps.map((app) => app.start(several ? 0 : port, host)));
  const origin = front ? await front.start(port, host) : (urls[0] as string);
  return { apps, origin, urls };
}
