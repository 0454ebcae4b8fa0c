import { GraphError, GraphHttp } from '../../src/graph';
import { placesOf, ReadBudget } from '../../src/graph/read-budget';
import { createLogger } from '../../src/logger';
import { SLOW_INTUNE, withTimeBudget } from '../../src/services/time-budget';
import { createTenant } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';

describe("the read budget under Intune's request limit", () => {
  test('background reads leave a fifth of the window to reads made inside a turn', async () => {
    let now = 1_000;
    // A short window: the background read's real wait is as short.
    const budget = new ReadBudget({ limit: 10, windowMs: 300 }, () => now);
    for (let i = 0; i < 8; i++) expect(await budget.take(1)).toBe(true);
    const background = budget.take(1);
    expect(await Promise.race([background, Promise.resolve('waiting')])).toBe('waiting');
    // A turn's reads still get the last two places at once; a third cannot before its deadline.
    expect(await budget.take(1, now + 100)).toBe(true);
    expect(await budget.take(1, now + 100)).toBe(true);
    expect(await budget.take(1, now + 100)).toBe(false);
    now += 300;
    expect(await background).toBe(true);
  });

  test('a JSON batch takes one place for each of its inner requests', () => {
    const body = { requests: [{ id: '1' }, { id: '2' }, { id: '3' }] };
    expect(placesOf('http://graph/v1.0/$batch', body)).toBe(3);
    expect(placesOf('http://graph/v1.0/$batch', JSON.stringify(body))).toBe(3);
    expect(placesOf('http://graph/v1.0/groups?$top=1', undefined)).toBe(1);
  });

  describe('through the Graph client, against the simulated tenant', () => {
    let sim: SimulatorHandle;
    beforeAll(async () => {
      sim = await startSimulator({ tenant: createTenant(), port: 0 });
    });
    afterAll(() => sim.close());

    test('a read inside a turn that finds no place before its deadline is answered as slow and never sent', async () => {
      const http = new GraphHttp({
        baseUrl: sim.url,
        tokens: { kind: 'development', getToken: async () => 'token' },
        logger: createLogger({ level: 'silent' }),
        retry: { maxTotalMs: 5000, baseDelayMs: 50 },
        attemptTimeoutMs: 5000,
        reads: new ReadBudget({ limit: 2, windowMs: 60_000 }),
      });
      sim.control.clearRequests();
      const read = () => http.send({ method: 'GET', version: 'v1.0', path: '/groups?$top=1' });
      const outcome = await withTimeBudget(5000, async () => {
        await read();
        await read();
        return read().then(
          () => undefined,
          (error: unknown) => error,
        );
      });
      expect(outcome).toBeInstanceOf(GraphError);
      expect((outcome as GraphError).code).toBe('graph-timeout');
      expect((outcome as GraphError).message).toBe(SLOW_INTUNE);
      expect(sim.control.requests()).toHaveLength(2);
    });
  });
});
