import { GraphError } from '../../src/graph';
import { graphHarness, type GraphHarness } from '../support/graph-harness';

const APPS = '/deviceAppManagement/mobileApps';

describe('the Graph HTTP layer against the simulated tenant', () => {
  let h: GraphHarness;

  beforeAll(async () => {
    h = await graphHarness({ retryMaxSeconds: 2.5 });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    h.sim.control.clearRequests();
  });

  test('it follows @odata.nextLink across more than three pages and returns every item once', async () => {
    const apps = await h.graph.http.getAll<{ id: string }>(
      'beta',
      `${APPS}?$select=id,displayName&$top=50`,
    );
    const total = h.sim.control.tenant().apps.length;
    expect(apps).toHaveLength(total);
    expect(new Set(apps.map((a) => a.id)).size).toBe(total);
    const pageRequests = h.sim.control.requests().filter((r) => r.url.includes('mobileApps'));
    expect(pageRequests.length).toBeGreaterThanOrEqual(Math.ceil(total / 50));
    expect(pageRequests.length).toBeGreaterThanOrEqual(3);
  });

  test('every call carries a fresh client-request-id and is logged with Graph request-id', async () => {
    await h.graph.http.send({ method: 'GET', version: 'beta', path: `${APPS}?$top=1` });
    await h.graph.http.send({ method: 'GET', version: 'beta', path: `${APPS}?$top=1` });
    const ids = h.sim.control.requests().map((r) => r.headers['client-request-id']);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const logged = h.logs.filter((l) => l.msg === 'graph call' && l.clientRequestId === ids[1]);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a 429 with Retry-After is retried after the stated wait and then succeeds', async () => {
    h.sim.control.addFault({
      method: 'GET',
      path: 'mobileApps$',
      status: 429,
      retryAfter: 1,
      times: 2,
    });
    const started = Date.now();
    const page = await h.graph.http.send<{ value: unknown[] }>({
      method: 'GET',
      version: 'beta',
      path: `${APPS}?$top=5`,
    });
    expect(page.body.value).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(h.sim.control.requests()).toHaveLength(3);
  });

  test('a 429 without Retry-After is retried with backoff and then succeeds', async () => {
    h.sim.control.addFault({ method: 'GET', path: 'mobileApps$', status: 429, times: 1 });
    const page = await h.graph.http.send<{ value: unknown[] }>({
      method: 'GET',
      version: 'beta',
      path: `${APPS}?$top=2`,
    });
    expect(page.body.value).toHaveLength(2);
    expect(h.sim.control.requests()).toHaveLength(2);
  });

  test('a 503 and a 504 are retried and the call succeeds', async () => {
    h.sim.control.addFault({
      method: 'GET',
      path: 'mobileApps$',
      status: 503,
      retryAfter: 0,
      times: 1,
    });
    h.sim.control.addFault({
      method: 'GET',
      path: 'mobileApps$',
      status: 504,
      retryAfter: 0,
      times: 1,
    });
    const page = await h.graph.http.send<{ value: unknown[] }>({
      method: 'GET',
      version: 'beta',
      path: `${APPS}?$top=1`,
    });
    expect(page.body.value).toHaveLength(1);
    expect(h.sim.control.requests()).toHaveLength(3);
  });

  test('throttling past the time bound ends in a clear GraphError with the request ids', async () => {
    h.sim.control.addFault({ method: 'GET', path: 'mobileApps$', status: 429, retryAfter: 1 });
    const error = await h.graph.http
      .send({ method: 'GET', version: 'beta', path: `${APPS}?$top=1` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    const graphError = error as GraphError;
    expect(graphError.code).toBe('graph-throttled');
    expect(graphError.status).toBe(429);
    expect(graphError.message).toMatch(/answered 429 .* 3 times over 2\.\d s; gave up retrying/);
    expect(graphError.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(graphError.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a refused call becomes a GraphError with Graph code and message', async () => {
    const error = await h.graph.http
      .send({ method: 'GET', version: 'v1.0', path: '/groups?$search=%22displayName:sales%22' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(400);
    expect((error as GraphError).graphCode).toBe('Request_UnsupportedQuery');
    expect((error as GraphError).code).toBe('graph-failed');
  });
});
