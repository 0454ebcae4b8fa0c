import type { TableClient } from '@azure/data-tables';
import pino from 'pino';
import { SlackEventLog } from '../../src/slack/event-log';
import { azureStorageClients } from '../../src/storage/azure/azure-storage';
import { AzureTableRequestStore } from '../../src/storage/azure/table-request-store';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';
import { startAzurite, type Azurite } from '../support/azurite';

const quiet = pino({ level: 'silent' });

describe('Slack event deliveries across instances', () => {
  let azurite: Azurite;
  let table: TableClient;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30_000);
  afterAll(() => azurite?.stop());

  /** One bot instance's view of the shared table, through the factory the bot uses. */
  const instance = () =>
    new SlackEventLog(
      new AzureTableRequestStore(
        azureStorageClients({
          AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
          AZURE_STORAGE_ACCOUNT_URL: undefined,
          AZURE_STORAGE_TABLE: 'slackevents',
          AZURE_STORAGE_CONTAINER: 'unused',
        }).table,
      ),
      quiet,
    );

  beforeEach(() => {
    table = azureStorageClients({
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_ACCOUNT_URL: undefined,
      AZURE_STORAGE_TABLE: 'slackevents',
      AZURE_STORAGE_CONTAINER: 'unused',
    }).table;
  });
  afterEach(() => table.deleteTable().catch(() => undefined));

  test('an event delivered to three instances at once is done by exactly one, and its retries by none', async () => {
    const instances = [instance(), instance(), instance()];
    const first = await Promise.all(instances.map((log) => log.take('Ev0PV52K21')));
    expect(first.filter(Boolean)).toHaveLength(1);
    const retries = await Promise.all(instances.map((log) => log.take('Ev0PV52K21')));
    expect(retries).toEqual([false, false, false]);
    expect(await instance().take('Ev0PV52K21')).toBe(false);
    expect(await instances[0]!.take('Ev0PV52K22')).toBe(true);
  });
});

describe('the Slack event log', () => {
  test('ids that are not Slack’s are neither stored nor refused', async () => {
    const store = new MemoryRequestStore();
    const log = new SlackEventLog(store, quiet);
    for (const id of ['../../settings', 'Ev' + 'A'.repeat(200), undefined, 42]) {
      expect(await log.take(id)).toBe(true);
    }
    expect(await store.settingsWithPrefix('slack-event:')).toEqual([]);
  });

  test('ids older than an hour are removed as new events come, and a new one is taken again', async () => {
    const store = new MemoryRequestStore();
    let now = Date.parse('2026-12-06T09:00:00Z');
    const log = new SlackEventLog(store, quiet, () => now);
    expect(await log.take('Ev0OLD')).toBe(true);
    now += 2 * 3600_000;
    for (let i = 0; i < 200; i += 1) await log.take(`Ev${i}`);
    await new Promise((resolve) => setImmediate(resolve));
    const kept = (await store.settingsWithPrefix('slack-event:')).map((s) => s.key);
    expect(kept).toHaveLength(200);
    expect(kept).not.toContain('slack-event:Ev0OLD');
  });
});
