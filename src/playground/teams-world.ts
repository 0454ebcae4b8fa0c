import type { Caps } from '../cards';

/** The Teams tenant the playground pretends to be (any fixed GUID; the bot allows only it). */
export const PLAYGROUND_TENANT_ID = '3c8e6f1a-9b2d-4e57-a0c4-5d7e2f9b1c63';

/** The bot as the page shows it. */
export const PLAYGROUND_BOT = { id: '28:playground-intune-assign', name: 'Intune Assign' };

/** The team channel where approval threads are posted. */
export const PLAYGROUND_CHANNEL = {
  teamId: '19:playground-it-team@thread.tacv2',
  teamName: 'IT',
  channelId: '19:playground-app-approvals@thread.tacv2',
  channelName: 'App approvals',
};

/** Where the fake Bot Connector is mounted on the bot's own server. */
export const CONNECTOR_PREFIX = '/playground/connector';

/**
 * Card style of playground turns: Universal Actions like Teams (the page turns `Action.Execute`
 * into invokes), but the search-box wizard, since Web Chat cannot run `Data.Query` typeahead.
 */
export const PLAYGROUND_CAPS: Caps = { style: 'execute', typeahead: false };
