import { withTimeBudget } from '../../src/services/time-budget';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { failure, graphHarness, type GraphHarness } from '../support/graph-harness';

const APP = { kind: 'app' as const, id: WELL_KNOWN.apps.win32 };
const SALES = WELL_KNOWN.groups.sales;
const MISSING = '0bad0bad-0000-4000-8000-000000000000';

describe('reads batched in one Graph round trip ($batch)', () => {
  let h: GraphHarness;

  /** The requests the tenant received: top level (the batches), and the reads inside them. */
  const received = () => {
    const log = h.sim.control.requests();
    return {
      topLevel: log.filter((r) => r.batch === undefined).map((r) => `${r.method} ${r.url}`),
      inside: log.filter((r) => r.batch !== undefined).map((r) => r.url),
    };
  };

  beforeAll(async () => {
    h = await graphHarness({ retryMaxSeconds: 2 });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
  });

  test('reads the app with its assignments and checks the groups in one HTTP request', async () => {
    const read = await h.graph.intune.readForWrite(APP, { groupIds: [SALES, MISSING] });
    expect(read.missingGroups).toEqual([MISSING]);
    expect(read.current.length).toBeGreaterThan(0);
    const { topLevel, inside } = received();
    expect(topLevel).toEqual(['POST /beta/$batch']);
    expect(inside.sort()).toEqual([
      `/beta/deviceAppManagement/mobileApps/${APP.id}?$select=id,displayName,publisher,publishingState,isAssigned&$expand=assignments`,
      `/beta/groups/${MISSING}?$select=id`,
      `/beta/groups/${SALES}?$select=id`,
    ]);
  });

  test('retries a read throttled inside the batch, resending only that read', async () => {
    h.sim.control.addFault({ path: '^/groups/', status: 429, retryAfter: 0, times: 1 });
    const read = await h.graph.intune.readForWrite(APP, { groupIds: [SALES] });
    expect(read.missingGroups).toEqual([]);
    const { topLevel, inside } = received();
    expect(topLevel).toEqual(['POST /beta/$batch', 'POST /beta/$batch']);
    expect(inside.filter((url) => url.includes('/groups/'))).toHaveLength(2);
    expect(inside.filter((url) => url.includes('/mobileApps/'))).toHaveLength(1);
  });

  test('retries a 503 inside the batch, and a 429 of the batch itself', async () => {
    h.sim.control.addFault({ path: '^/deviceAppManagement/', status: 503, times: 1 });
    h.sim.control.addFault({ path: '^/\\$batch$', status: 429, retryAfter: 0, times: 1 });
    const read = await h.graph.intune.readForWrite(APP, { groupIds: [] });
    expect(read.exists).toBe(true);
    expect(received().topLevel).toHaveLength(3);
  });

  test('a read still throttled when the time bound runs out fails as graph-throttled, with Graph’s ids', async () => {
    h.sim.control.addFault({ path: '^/groups/', status: 429, retryAfter: 5 });
    const error = await failure(h.graph.intune.readForWrite(APP, { groupIds: [SALES] }));
    expect(error.code).toBe('graph-throttled');
    expect(error.status).toBe(429);
    expect(error.graphCode).toBe('TooManyRequests');
    expect(error.requestId).toBeTruthy();
    expect(received().topLevel).toHaveLength(1);
  });

  test('inside a turn, a read throttled past its deadline tells the user Intune is slow', async () => {
    h.sim.control.addFault({ path: '^/groups/', status: 429, retryAfter: 1 });
    const error = await failure(
      withTimeBudget(500, () => h.graph.intune.readForWrite(APP, { groupIds: [SALES] })),
    );
    expect(error.code).toBe('graph-timeout');
  });

  test('a read refused inside the batch fails with Graph’s own message', async () => {
    h.sim.control.addFault({
      path: '^/deviceAppManagement/',
      status: 403,
      code: 'Forbidden',
      message: 'Application is not authorized to perform this operation.',
    });
    const error = await failure(h.graph.intune.readForWrite(APP));
    expect([error.code, error.status, error.graphCode]).toEqual(['graph-failed', 403, 'Forbidden']);
    expect(error.message).toBe('Application is not authorized to perform this operation.');
  });

  test('sends more than 20 reads as several batches, each read answered by its id', async () => {
    const reads = Array.from({ length: 25 }, (_, i) => ({
      id: `r${i}`,
      path: `/groups/${i % 2 === 0 ? SALES : MISSING}?$select=id`,
    }));
    const answers = await h.graph.http.batch('v1.0', reads);
    expect(answers.size).toBe(25);
    expect(answers.get('r0')?.status).toBe(200);
    expect(answers.get('r1')?.status).toBe(404);
    expect(received().topLevel).toEqual(['POST /v1.0/$batch', 'POST /v1.0/$batch']);
  });
});

describe('reads batched under v1.0 writes', () => {
  let h: GraphHarness;

  beforeAll(async () => {
    h = await graphHarness({ version: 'v1.0' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.control.reset());

  test('the beta guard read goes alongside the v1.0 batch: two requests, one round-trip time', async () => {
    const read = await h.graph.intune.readForWrite(
      { kind: 'configPolicy', id: WELL_KNOWN.configPolicies.ios },
      { groupIds: [SALES] },
    );
    expect(read.exists).toBe(true);
    const topLevel = h.sim.control
      .requests()
      .filter((r) => r.batch === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(topLevel.sort()).toEqual([
      `GET /beta/deviceAppManagement/mobileAppConfigurations/${WELL_KNOWN.configPolicies.ios}/assignments`,
      'POST /v1.0/$batch',
    ]);
  });

  test('an item that does not exist reads as gone, not as the guard read’s failure', async () => {
    const read = await h.graph.intune.readForWrite({ kind: 'app', id: MISSING });
    expect(read).toEqual({ exists: false, current: [], missingGroups: [] });
  });
});
