import { createTenant, WELL_KNOWN } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { botHarness, type BotHarness } from '../support/bot-harness';

interface SearchAnswer {
  type: string;
  value: { results: { title: string; value: string }[] };
}

describe('typeahead before the app catalog has loaded', () => {
  let sim: SimulatorHandle;
  let h: BotHarness;
  beforeAll(async () => {
    sim = await startSimulator({ tenant: createTenant(), port: 0 });
    // The first listing of the apps is held open (within the attempt timeout, 3 s here).
    sim.control.addFault({ method: 'GET', path: 'mobileApps$', times: 1, latencyMs: 2_000 });
    h = await botHarness({ sim, waitForCatalogs: false });
  });
  afterAll(async () => {
    await h.close();
    await sim.close();
  });

  const search = async (query: string) => {
    const answer = await h.teams.search(h.users.requester, 'apps', query);
    expect(answer.status).toBe(200);
    const body = answer.body as SearchAnswer;
    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    return body.value.results;
  };

  test('a keystroke is answered at once that the list is loading, then with results once loaded', async () => {
    const catalog = h.app.graph.intune.reader.apps;
    expect(await search('zoom')).toEqual([
      { title: 'The list is still loading from Intune; type again in a moment.', value: '' },
    ]);
    // Answered while the listing is still held open.
    expect(catalog.loadedAt).toBeUndefined();

    await catalog.ready();
    const results = await search('zoom');
    expect(results.map((r) => r.value)).toContain(WELL_KNOWN.apps.win32);
  });
});
