import { WELL_KNOWN } from '../../src/simulator/seed';
import { FakeBotIdentity } from '../support/fake-bot-identity';
import {
  PRODUCTION_APP_ID,
  productionApp,
  TEAMS_SERVICE_URL,
  type ProductionApp,
} from '../support/production-app';
import { TeamsClient } from '../support/teams-client';

const requester = { aadObjectId: WELL_KNOWN.users.requester, name: 'Megan Bowen', mri: '29:megan' };

describe('production mode: every inbound activity must carry a valid Bot Framework token', () => {
  let p: ProductionApp;
  let teams: TeamsClient;

  beforeAll(async () => {
    p = await productionApp();
    // Production mode calls only https service URLs, as Teams' are.
    teams = new TeamsClient({ ...p.teams.options, serviceUrl: TEAMS_SERVICE_URL });
  });
  afterAll(() => p.close());
  beforeEach(() => p.connector.clear());

  const nothingRan = async () => {
    expect(p.connector.calls).toEqual([]);
    expect(await p.app.users.all()).toEqual([]);
    expect(await p.app.store.list({})).toEqual([]);
  };

  test('a request without a token gets 401 and nothing runs', async () => {
    const answer = await teams.say(requester, 'assign');
    expect(answer.status).toBe(401);
    await nothingRan();
  });

  test('a forged token (signed with another key) gets 401 and nothing runs', async () => {
    const token = p.identity.token(
      { appId: PRODUCTION_APP_ID, serviceUrl: TEAMS_SERVICE_URL },
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
    const token = p.identity.token({
      appId: '99999999-2222-3333-4444-555555555555',
      serviceUrl: TEAMS_SERVICE_URL,
    });
    const answer = await teams.post(
      teams.activity(requester, { type: 'message', text: 'assign' }),
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(401);
    await nothingRan();
  });

  test('a genuine token from another tenant is refused before the bot does anything', async () => {
    const foreign = new TeamsClient({
      ...teams.options,
      tenantId: '00000000-1111-2222-3333-444444444444',
    });
    await foreign.post(foreign.activity(requester, { type: 'message', text: 'assign' }), {
      authorization: `Bearer ${p.token()}`,
    });
    expect(await p.app.users.all()).toEqual([]);
    expect(await p.app.store.list({})).toEqual([]);
    expect(p.logs.some((l) => l.msg === 'activity from a foreign tenant refused')).toBe(true);
  });

  // The bot's reply then needs a token from Microsoft's token service, out of reach here, so the
  // turn ends in an (logged) outbound error; what matters is that it ran.
  test('a genuine token from Teams is accepted and the turn runs', async () => {
    const answer = await teams.post(
      teams.activity(requester, { type: 'message', text: 'assign' }),
      { authorization: `Bearer ${p.token()}` },
    );
    expect(answer.status).not.toBe(401);
    expect((await p.app.users.all()).map((u) => u.id)).toEqual([WELL_KNOWN.users.requester]);
    expect((await p.app.store.list({})).map((r) => r.status)).toEqual(['draft']);
  });
});
