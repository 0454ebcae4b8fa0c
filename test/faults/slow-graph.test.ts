import { WELL_KNOWN } from '../../src/simulator/seed';
import { cardText, type BotHarness } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
  eventually,
} from '../support/e2e';
import type { HttpAnswer } from '../support/teams-client';
import { ZOOM_TO_SALES } from '../support/walk';

const SLOW = /Intune is slow to answer/;
const APPROVER_CHECK = 'checkMemberGroups$';

/** The invoke's answer and how long it took to come, in milliseconds. */
async function timed(call: Promise<HttpAnswer>): Promise<{ answer: HttpAnswer; ms: number }> {
  const started = Date.now();
  const answer = await call;
  return { answer, ms: Date.now() - started };
}

/** The card of an invoke answer (statusCode 200, an Adaptive Card). */
function answeredCard(answer: HttpAnswer): string {
  const body = answer.body as { statusCode?: number; type?: string; value?: unknown };
  expect([answer.status, body.statusCode, body.type]).toEqual([
    200,
    200,
    'application/vnd.microsoft.card.adaptive',
  ]);
  return cardText(body.value);
}

/** A submitted request; membership is not cached, so the click checks the approver afresh. */
async function pendingRequest(h: BotHarness) {
  const request = await submitRequest(h, ZOOM_TO_SALES);
  h.sim.control.clearWrites();
  return request;
}

describe('Approve while the approver check hangs, with the default time budget', () => {
  const bot = useBot(() => ({ env: { MEMBERSHIP_CACHE_SECONDS: '0' } }));

  test('the click is answered within 5 s with the card as it stands and "Intune is slow", and nothing changes', async () => {
    const h = bot();
    const request = await pendingRequest(h);
    h.sim.control.addFault({ method: 'POST', path: APPROVER_CHECK, latencyMs: 30_000 });

    const { answer, ms } = await timed(
      clickInThread(h, h.users.approver1, 'request.approve', request),
    );

    expect(ms).toBeLessThan(5000);
    expect(answeredCard(answer)).toMatch(SLOW);
    h.sim.control.clearFaults();
    await h.settle();
    expect(await statusOf(h, request.requestId)).toBe('pending');
    expect(h.sim.control.writes()).toEqual([]);
  });
});

describe('Approve while Graph is slow or throttling the approver check', () => {
  const bot = useBot(() => ({
    env: { MEMBERSHIP_CACHE_SECONDS: '0', GRAPH_TURN_BUDGET_MS: '1500' },
  }));

  test.each([
    ['hangs', { latencyMs: 30_000 }],
    ['answers 429 with Retry-After 10 s', { status: 429, retryAfter: 10 }],
    ['answers 429 without Retry-After', { status: 429 }],
    ['answers 503', { status: 503, retryAfter: 2 }],
    ['answers 504', { status: 504 }],
  ])(
    'when the check %s, the click is answered within 5 s with the card as it stands and "Intune is slow", and nothing changes',
    async (_what, fault) => {
      const h = bot();
      const request = await pendingRequest(h);
      h.sim.control.addFault({ method: 'POST', path: APPROVER_CHECK, ...fault });

      const { answer, ms } = await timed(
        clickInThread(h, h.users.approver1, 'request.approve', request),
      );

      expect(ms).toBeLessThan(5000);
      const card = answeredCard(answer);
      expect(card).toMatch(SLOW);
      expect(card).toContain(request.displayId);
      h.sim.control.clearFaults();
      await h.settle();
      expect(await statusOf(h, request.requestId)).toBe('pending');
      expect(h.sim.control.writes()).toEqual([]);
      expect(threadReplies(h, request.thread)).toEqual([]);
    },
    15_000,
  );

  test('once Graph answers again, the same click approves and the request is assigned', async () => {
    const h = bot();
    const request = await pendingRequest(h);
    h.sim.control.addFault({ method: 'POST', path: APPROVER_CHECK, status: 429, retryAfter: 10 });
    expect(
      answeredCard(await clickInThread(h, h.users.approver1, 'request.approve', request)),
    ).toMatch(SLOW);
    h.sim.control.clearFaults();

    const card = answeredCard(
      await clickInThread(h, h.users.approver1, 'request.approve', request),
    );
    await h.settle();

    expect(card).toMatch(/Approved/);
    expect(await statusOf(h, request.requestId)).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
  });
});

describe('wizard steps and searches while Graph is slow', () => {
  const bot = useBot();

  test('a typeahead group search while Graph hangs is answered within 5 s with "Intune is slow"', async () => {
    const h = bot();
    h.sim.control.addFault({ method: 'GET', path: '^/groups$', latencyMs: 30_000 });

    const { answer, ms } = await timed(h.teams.search(h.users.requester, 'groups', 'sales'));

    expect(ms).toBeLessThan(5000);
    const body = answer.body as { statusCode?: number; value?: { message?: string } };
    expect(body.statusCode).not.toBe(200);
    expect(body.value?.message).toMatch(SLOW);
  });

  test('choosing an app while Graph hangs shows the wizard again with "Intune is slow", the draft unchanged', async () => {
    const h = bot();
    await h.teams.say(h.users.requester, 'assign');
    const [draft] = await h.app.store.list({ requesterId: h.users.requester.aadObjectId });
    const kind = await h.teams.execute(h.users.requester, 'wizard.kind', {
      requestId: draft!.id,
      kind: 'app',
    });
    answeredCard(kind);
    const before = await h.app.store.get(draft!.id);
    h.sim.control.addFault({
      method: 'GET',
      path: `mobileApps/${WELL_KNOWN.apps.win32}$`,
      latencyMs: 30_000,
    });

    const { answer, ms } = await timed(
      h.teams.execute(h.users.requester, 'wizard.item', {
        requestId: draft!.id,
        itemId: WELL_KNOWN.apps.win32,
      }),
    );

    expect(ms).toBeLessThan(5000);
    expect(answeredCard(answer)).toMatch(SLOW);
    expect(await h.app.store.get(draft!.id)).toEqual(before);
  });
});

describe('writes Graph does not confirm', () => {
  const bot = useBot(() => ({
    env: { GRAPH_ATTEMPT_TIMEOUT_MS: '800', GRAPH_WRITE_LIFETIME_MS: '2500' },
  }));

  test('a write that times out but lands later is not written again; the thread says what happened', async () => {
    const h = bot();
    const request = await pendingRequest(h);
    h.sim.control.addFault({ method: 'POST', path: '/assign$', latencyMs: 1500, times: 1 });

    await clickInThread(h, h.users.approver1, 'request.approve', request);
    await h.settle();

    expect(await statusOf(h, request.requestId)).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
    expect(h.sim.control.writes()).toHaveLength(1);
    expect(threadReplies(h, request.thread).join('\n')).toMatch(/was not confirmed/);
  });

  test('a write Graph keeps answering 503 is never written blindly and ends failed, retryable, after three writes', async () => {
    const h = bot();
    const request = await pendingRequest(h);
    h.sim.control.addFault({ method: 'POST', path: '/assign$', status: 503 });

    await clickInThread(h, h.users.approver1, 'request.approve', request);
    await eventually(
      async () => (await statusOf(h, request.requestId)) === 'failed',
      'failed',
      15_000,
    );
    await h.settle();

    expect(h.sim.control.writes().map((w) => w.status)).toEqual([503, 503, 503]);
    const stored = await h.app.store.get(request.requestId);
    expect(stored?.outcome?.error?.code).toBe('assignment-missing');
    expect(threadReplies(h, request.thread).join('\n')).toMatch(/An approver can retry/);
  }, 20_000);
});
