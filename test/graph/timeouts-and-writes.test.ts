import { AppError } from '../../src/domain/errors';
import { GraphError } from '../../src/graph';
import { SLOW_INTUNE, withTimeBudget } from '../../src/services/time-budget';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { failure, graphHarness, type GraphHarness } from '../support/graph-harness';

const APPS = '/deviceAppManagement/mobileApps';
const ASSIGN = `${APPS}/${WELL_KNOWN.apps.win32Unassigned}/assign`;
const BODY = { mobileAppAssignments: [] as unknown[] };

/** A one-entry body the simulated tenant accepts for the unassigned Win32 app. */
function oneGroup(): unknown {
  return {
    mobileAppAssignments: [
      {
        '@odata.type': '#microsoft.graph.mobileAppAssignment',
        intent: 'required',
        target: {
          '@odata.type': '#microsoft.graph.groupAssignmentTarget',
          groupId: WELL_KNOWN.groups.sales,
        },
        settings: null,
      },
    ],
  };
}

describe('Graph calls that hang, throttle or fail: timeouts, budgets and writes', () => {
  let h: GraphHarness;

  beforeAll(async () => {
    h = await graphHarness({ retryMaxSeconds: 5, attemptTimeoutMs: 300 });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    h.sim.control.clearRequests();
  });

  test('a read Graph never answers fails as graph-timeout after the per-attempt timeout, not Node’s 300 s', async () => {
    h.sim.control.addFault({ method: 'GET', path: 'mobileApps$', latencyMs: 5000, times: 1 });
    const error = await failure(
      h.graph.http.send({ method: 'GET', version: 'beta', path: `${APPS}?$top=1` }),
    );
    expect(error).toBeInstanceOf(GraphError);
    expect(error.code).toBe('graph-timeout');
    expect(error.message).toMatch(/did not answer GET \/beta\/deviceAppManagement\/mobileApps/);
    expect(error.message).toMatch(/within 0\.3 s/);
  });

  test('a write Graph never answers is write-unconfirmed and is sent only once', async () => {
    h.sim.control.addFault({ method: 'POST', path: '/assign$', latencyMs: 1000, times: 1 });
    const error = await failure(
      h.graph.http.send({
        method: 'POST',
        version: 'beta',
        path: ASSIGN,
        body: oneGroup(),
        write: true,
      }),
    );
    expect(error.code).toBe('write-unconfirmed');
    expect(error.message).toMatch(/Intune did not confirm the write POST/);
    expect(h.sim.control.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
    // The simulated tenant applies it anyway, later: exactly what makes the outcome unknown.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.win32Unassigned)).toHaveLength(
      1,
    );
  });

  test.each([503, 504, 500])(
    'a write answered %i is write-unconfirmed and is not retried blindly',
    async (status) => {
      h.sim.control.addFault({ method: 'POST', path: '/assign$', status, retryAfter: 0 });
      const error = await failure(
        h.graph.http.send({
          method: 'POST',
          version: 'beta',
          path: ASSIGN,
          body: BODY,
          write: true,
        }),
      );
      expect(error.code).toBe('write-unconfirmed');
      expect(error.message).toContain(`it answered ${status}`);
      expect(h.sim.control.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
    },
  );

  test('a write answered 429 (nothing applied) is retried after Retry-After and then lands once', async () => {
    h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 429,
      retryAfter: 0,
      times: 2,
    });
    const attempts: number[] = [];
    await h.graph.http.send({
      method: 'POST',
      version: 'beta',
      path: ASSIGN,
      body: oneGroup(),
      write: true,
      beforeAttempt: async () => {
        attempts.push(Date.now());
      },
    });
    expect(attempts).toHaveLength(3);
    expect(h.sim.control.writes().map((w) => w.status)).toEqual([429, 429, 204]);
  });

  test('a read answered 503 is still retried: only writes are held back', async () => {
    h.sim.control.addFault({
      method: 'GET',
      path: 'mobileApps$',
      status: 503,
      retryAfter: 0,
      times: 2,
    });
    const page = await h.graph.http.send<{ value: unknown[] }>({
      method: 'GET',
      version: 'beta',
      path: `${APPS}?$top=2`,
    });
    expect(page.body.value).toHaveLength(2);
  });

  test('inside a turn, a 429 storm stops at the deadline with "Intune is slow to answer"', async () => {
    h.sim.control.addFault({
      method: 'POST',
      path: 'checkMemberGroups$',
      status: 429,
      retryAfter: 1,
    });
    const error = await failure(
      withTimeBudget(500, () =>
        h.graph.directory.isMemberOfAny(WELL_KNOWN.users.approver1, [WELL_KNOWN.groups.approvers]),
      ),
    );
    expect(error.code).toBe('graph-timeout');
    expect(error.message).toBe(SLOW_INTUNE);
    // It did not wait for the Retry-After (1 s) that would end past the deadline.
    expect(h.sim.control.requests()).toHaveLength(1);
  });

  test('inside a turn, a call that hangs is cut at the deadline, before its own timeout', async () => {
    const slow = await graphHarness({ attemptTimeoutMs: 10_000 });
    try {
      slow.sim.control.addFault({ method: 'GET', path: 'groups', latencyMs: 5000 });
      const error = await failure(
        withTimeBudget(400, () => slow.graph.directory.getGroup(WELL_KNOWN.groups.sales)),
      );
      expect(error.code).toBe('graph-timeout');
      expect(error.message).toBe(SLOW_INTUNE);
    } finally {
      await slow.close();
    }
  });

  test('an id that is not a GUID is never put in a URL path', async () => {
    for (const id of ['.', '..', 'x/../..', '%2e%2e', 'groups?$top=999', '']) {
      expect(await h.graph.directory.getGroup(id)).toBeUndefined();
      expect(await h.graph.intune.getApp(id)).toBeUndefined();
      await expect(h.graph.intune.getAssignments({ kind: 'app', id })).rejects.toMatchObject({
        code: 'not-found',
      });
    }
    expect(h.sim.control.requests()).toEqual([]);
  });
});

describe('a write refused before it leaves', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());

  test('an error from beforeAttempt (a lost lock) comes back as it is, and nothing is sent', async () => {
    const lost = new AppError('lock-lost', 'The lease on the item was lost.');
    const error = await h.graph.http
      .send({
        method: 'POST',
        version: 'beta',
        path: ASSIGN,
        body: BODY,
        write: true,
        beforeAttempt: async () => {
          throw lost;
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBe(lost);
    expect(h.sim.control.requests()).toEqual([]);
  });
});
