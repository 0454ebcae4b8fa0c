import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createGraph } from '../../src/graph';
import { createLogger } from '../../src/logger';
import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { FakeConnector } from '../fakes/fake-connector';
import { FakeBotIdentity } from '../support/fake-bot-identity';
import { TeamsClient } from '../support/teams-client';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
const requester = { aadObjectId: WELL_KNOWN.users.requester, name: 'Megan Bowen', mri: '29:megan' };

describe('production mode: every inbound activity must carry a valid Bot Framework token', () => {
  let sim: SimulatorHandle;
  let identity: FakeBotIdentity;
  let connector: FakeConnector;
  let app: App;
  let teams: TeamsClient;
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ tenant: createTenant(), port: 0 });
    identity = new FakeBotIdentity();
    await identity.start();
    connector = new FakeConnector();
    await connector.start();
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'bot-password-never-logged',
      MicrosoftAppTenantId: TENANT,
      ALLOWED_TENANT_ID: TENANT,
      APPROVER_GROUP_ID: WELL_KNOWN.groups.approvers,
      SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'prod-')), 'requests.db'),
      ToBotFromChannelOpenIdMetadataUrl: identity.metadataUrl,
    });
    const destination = new Writable({
      write(chunk: Buffer, _e, callback) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          logs.push(JSON.parse(line));
        callback();
      },
    });
    const logger = createLogger({ level: 'debug', destination });
    // Graph goes to the simulator here only because Microsoft Graph is out of reach.
    const graph = createGraph({ ...config, GRAPH_BASE_URL: sim.url }, logger);
    app = createApp({ config, logger, graph });
    const url = await app.start(0);
    teams = new TeamsClient({ botUrl: url, serviceUrl: connector.url, tenantId: TENANT });
  });
  afterAll(async () => {
    await app.stop();
    await identity.stop();
    await connector.stop();
    await sim.close();
  });
  beforeEach(() => connector.clear());

  const nothingRan = async () => {
    expect(connector.calls).toEqual([]);
    expect(await app.users.all()).toEqual([]);
    expect(await app.store.list({})).toEqual([]);
  };

  test('a request without a token gets 401 and nothing runs', async () => {
    const answer = await teams.say(requester, 'assign');
    expect(answer.status).toBe(401);
    await nothingRan();
  });

  test('a forged token (signed with another key) gets 401 and nothing runs', async () => {
    const token = identity.token(
      { appId: APP_ID, serviceUrl: connector.url },
      FakeBotIdentity.otherKey(),
    );
    const answer = await teams.post(
      teams.activity(requester, { type: 'message', text: 'assign' }),
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(401);
    await nothingRan();
  });

  test('a genuine token for another bot gets 401 and nothing runs', async () => {
    const token = identity.token({
      appId: '99999999-2222-3333-4444-555555555555',
      serviceUrl: connector.url,
    });
    const answer = await teams.post(
      teams.activity(requester, { type: 'message', text: 'assign' }),
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(401);
    await nothingRan();
  });

  test('a genuine token from another tenant is refused before the bot does anything', async () => {
    const token = identity.token({ appId: APP_ID, serviceUrl: connector.url });
    const foreign = new TeamsClient({
      ...teams.options,
      tenantId: '00000000-1111-2222-3333-444444444444',
    });
    await foreign.post(foreign.activity(requester, { type: 'message', text: 'assign' }), {
      authorization: `Bearer ${token}`,
    });
    expect(await app.users.all()).toEqual([]);
    expect(await app.store.list({})).toEqual([]);
    expect(logs.some((l) => l.msg === 'activity from a foreign tenant refused')).toBe(true);
  });

  // The bot's reply then needs a token from Microsoft's token service, out of reach here, so the
  // turn ends in an (logged) outbound error; what matters is that it ran.
  test('a genuine token from Teams is accepted and the turn runs', async () => {
    const token = identity.token({ appId: APP_ID, serviceUrl: connector.url });
    const answer = await teams.post(
      teams.activity(requester, { type: 'message', text: 'assign' }),
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).not.toBe(401);
    expect((await app.users.all()).map((u) => u.id)).toEqual([WELL_KNOWN.users.requester]);
    expect((await app.store.list({})).map((r) => r.status)).toEqual(['draft']);
  });
});
