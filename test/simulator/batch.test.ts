import { TINY } from '../fixtures/tiny-tenant';
import {
  appAssignment,
  post,
  type Answer,
  groupTarget,
  useTinySimulator,
  WIN32_SETTINGS,
} from './sim-client';

const sim = useTinySimulator();

const APP = `/deviceAppManagement/mobileApps/${TINY.apps.win32}`;
const MISSING_GROUP = '0bad0bad-0000-4000-8000-000000000000';

interface Inner {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: {
    error?: { code: string; message: string };
    assignments?: unknown[];
    [key: string]: unknown;
  };
}

const batch = (requests: unknown[], version = 'beta') =>
  post(sim(), `/${version}/$batch`, { requests });

/** The answers of a batch by id (Graph answers in any order). */
function byId(answer: Answer): Record<string, Inner> {
  const responses = (answer.body.responses ?? []) as Inner[];
  return Object.fromEntries(responses.map((r) => [r.id, r]));
}

const get = (id: string, url: string, more: object = {}) => ({ id, method: 'GET', url, ...more });

describe('JSON batching ($batch)', () => {
  it('answers each request with its own status, headers and body, matched by id', async () => {
    const res = await batch([
      get('item', `${APP}?$expand=assignments`),
      get('group', `/groups/${TINY.groups.sales}?$select=id`),
      get('gone', `/groups/${MISSING_GROUP}?$select=id`),
    ]);
    expect(res.status).toBe(200);
    const answers = byId(res);
    expect(Object.keys(answers).sort()).toEqual(['gone', 'group', 'item']);
    expect(answers.item?.status).toBe(200);
    expect(answers.item?.body?.id).toBe(TINY.apps.win32);
    expect(Array.isArray(answers.item?.body?.assignments)).toBe(true);
    expect(answers.group?.body?.id).toBe(TINY.groups.sales);
    expect(answers.gone?.status).toBe(404);
    expect(answers.gone?.body?.error?.code).toBe('Request_ResourceNotFound');
    expect(answers.gone?.headers['request-id']).toBeTruthy();
  });

  it('reads an item with its assignments expanded in v1.0 too, for each kind of item', async () => {
    const res = await batch(
      [
        get('app', `${APP}?$select=id,displayName&$expand=assignments`),
        get(
          'config',
          `/deviceAppManagement/mobileAppConfigurations/${TINY.configs.ios}?$expand=assignments`,
        ),
      ],
      'v1.0',
    );
    const answers = byId(res);
    expect(answers.app?.status).toBe(200);
    expect(answers.app?.body?.displayName).toBeDefined();
    expect(answers.app?.body?.assignments).toBeDefined();
    expect(answers.config?.status).toBe(200);
    expect(answers.config?.body?.assignments).toBeDefined();
  });

  it('takes relative urls with or without a leading slash', async () => {
    const answers = byId(await batch([get('1', `groups/${TINY.groups.sales}`)]));
    expect(answers['1']?.status).toBe(200);
  });

  it('validates and applies a write inside a batch like one sent alone, and records it', async () => {
    const body = {
      mobileAppAssignments: [
        appAssignment(groupTarget(TINY.groups.sales), 'required', WIN32_SETTINGS),
      ],
    };
    const headers = { 'Content-Type': 'application/json' };
    const res = await batch([
      { id: 'bad', method: 'POST', url: `${APP}/assign`, headers, body: { wrong: [] } },
      { id: 'good', method: 'POST', url: `${APP}/assign`, headers, body },
    ]);
    const answers = byId(res);
    expect(answers.bad?.status).toBe(400);
    expect(answers.good?.status).toBe(204);
    expect(
      sim()
        .control.writes()
        .map((w) => w.status)
        .sort(),
    ).toEqual([204, 400]);
    expect(sim().control.tenant().appAssignments.get(TINY.apps.win32)).toHaveLength(1);
  });

  it('runs a request after those it depends on, and answers 424 when one of them failed', async () => {
    const res = await batch([
      get('missing', `/groups/${MISSING_GROUP}`),
      get('after-missing', `/groups/${TINY.groups.sales}`, { dependsOn: ['missing'] }),
      get('chained', `/groups/${TINY.groups.sales}`, { dependsOn: ['after-missing'] }),
      get('after-found', `/groups/${TINY.groups.sales}`, { dependsOn: ['found'] }),
      get('found', `/groups/${TINY.groups.finance}`),
    ]);
    const answers = byId(res);
    expect(answers['after-missing']?.status).toBe(424);
    expect(answers['after-missing']?.body?.error?.code).toBe('FailedDependency');
    expect(answers.chained?.status).toBe(424);
    expect(answers['after-found']?.status).toBe(200);
    // Requests refused for a failed dependency never reach the tenant.
    const sent = sim()
      .control.requests()
      .filter((r) => r.batch !== undefined);
    expect(sent).toHaveLength(3);
  });

  it('answers a throttled request inside the batch with its own 429 and Retry-After', async () => {
    sim().control.addFault({ path: '^/groups/', status: 429, retryAfter: 2, times: 1 });
    const res = await batch([get('g', `/groups/${TINY.groups.sales}`), get('app', APP)]);
    expect(res.status).toBe(200);
    const answers = byId(res);
    expect(answers.g?.status).toBe(429);
    expect(answers.g?.headers['Retry-After']).toBe('2');
    expect(answers.g?.body?.error?.code).toBe('TooManyRequests');
    expect(answers.app?.status).toBe(200);
  });

  it('answers an unknown url inside with Graph’s 400 for that request only', async () => {
    const answers = byId(await batch([get('x', '/nowhere/at/all'), get('y', APP)]));
    expect(answers.x?.status).toBe(400);
    expect(answers.x?.body?.error?.message).toMatch(/segment 'nowhere'/);
    expect(answers.y?.status).toBe(200);
  });

  it('records each request inside with the batch it came in, and the batch itself', async () => {
    const res = await batch([get('1', APP), get('2', `/groups/${TINY.groups.sales}`)]);
    const requestId = res.headers.get('request-id');
    const log = sim().control.requests();
    expect(log.filter((r) => r.batch === undefined).map((r) => r.url)).toEqual(['/beta/$batch']);
    expect(log.filter((r) => r.batch === requestId)).toHaveLength(2);
  });

  it.each([
    ['more than 20 requests', Array.from({ length: 21 }, (_, i) => get(String(i), APP))],
    ['no requests', []],
    ['a duplicate id (ids ignore case)', [get('a', APP), get('A', APP)]],
    ['a dependsOn naming no request', [get('a', APP, { dependsOn: ['b'] })]],
    [
      'a cycle of dependsOn',
      [get('a', APP, { dependsOn: ['b'] }), get('b', APP, { dependsOn: ['a'] })],
    ],
    ['a request without a url', [{ id: 'a', method: 'GET' }]],
    ['an absolute url', [get('a', `https://graph.microsoft.com/beta${APP}`)]],
  ])('refuses a batch with %s whole, with a 400 in Graph’s error shape', async (_, requests) => {
    const res = await batch(requests);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('BadRequest');
    expect(res.body.error?.innerError['request-id']).toBeTruthy();
    expect(
      sim()
        .control.requests()
        .filter((r) => r.batch !== undefined),
    ).toHaveLength(0);
  });

  it('refuses a batch inside a batch, and a batch that is not JSON', async () => {
    const nested = byId(await batch([{ id: 'n', method: 'POST', url: '/$batch', body: {} }]));
    expect(nested.n?.status).toBe(400);
    const res = await post(sim(), '/beta/$batch', undefined, {
      rawBody: 'requests',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('lets a fault on $batch itself answer the whole batch', async () => {
    sim().control.addFault({ method: 'POST', path: '^/\\$batch$', status: 503, times: 1 });
    const res = await batch([get('1', APP)]);
    expect(res.status).toBe(503);
    expect(
      sim()
        .control.requests()
        .filter((r) => r.batch !== undefined),
    ).toHaveLength(0);
  });
});
