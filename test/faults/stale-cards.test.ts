import { cardOf, cardText, type BotHarness } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  invokeError,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
  type Submitted,
} from '../support/e2e';
import { noticedCard } from '../support/notice';
import { ZOOM_TO_SALES } from '../support/walk';

/** The stored request, the thread and the writes, to show a stale click changed none of them. */
async function snapshot(h: BotHarness, req: Submitted) {
  return {
    request: await h.app.store.get(req.requestId),
    replies: threadReplies(h, req.thread),
    writes: h.sim.control.writes().length,
  };
}

describe('a click on a card that no longer shows the request as it stands', () => {
  const bot = useBot();

  test('Approve after another approver approved gets the approved card, who approved, no buttons', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();
    const before = await snapshot(h, req);

    const stale = noticedCard(await clickInThread(h, h.users.approver2, 'request.approve', req));
    await h.settle();

    expect(stale.notice).toMatch(
      new RegExp(
        `^${req.displayId} was approved by ${h.users.approver1.name} on .* and assigned; it can no longer be approved\\.$`,
      ),
    );
    expect(stale.text).toContain(`Assigned · approved by ${h.users.approver1.name}`);
    expect(stale.verbs).toEqual([]);
    expect(await snapshot(h, req)).toEqual(before);
    expect(appliedWrites(h)).toHaveLength(1);
  });

  test('Approve after a rejection gets the rejected card with the reason', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const reason = 'Use the Teams client instead.';
    await clickInThread(h, h.users.approver1, 'request.reject', req, { reason });
    await h.settle();
    const before = await snapshot(h, req);

    const stale = noticedCard(await clickInThread(h, h.users.approver2, 'request.approve', req));
    await h.settle();

    expect(stale.notice).toMatch(/was rejected by .*; it can no longer be approved\.$/);
    expect(stale.text).toContain(`Rejected by ${h.users.approver1.name}`);
    expect(stale.text).toContain(reason);
    expect(stale.verbs).toEqual([]);
    expect(await snapshot(h, req)).toEqual(before);
  });

  test('Reject after the requester cancelled gets the cancelled card', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await h.teams.execute(h.users.requester, 'request.cancel', { requestId: req.requestId });
    await h.settle();
    const before = await snapshot(h, req);

    const stale = noticedCard(
      await clickInThread(h, h.users.approver1, 'request.reject', req, { reason: 'Too late.' }),
    );
    await h.settle();

    expect(stale.notice).toMatch(
      new RegExp(
        `^${req.displayId} was cancelled by ${h.users.requester.name} .*no longer be rejected\\.$`,
      ),
    );
    expect(stale.text).toContain(`Cancelled by ${h.users.requester.name}`);
    expect(stale.verbs).toEqual([]);
    expect(await snapshot(h, req)).toEqual(before);
  });

  test('Reject after the request expired gets the expired card', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    h.clock.advanceHours(73);
    await h.app.services.expiry.sweep();
    await h.settle();
    const before = await snapshot(h, req);

    const stale = noticedCard(
      await clickInThread(h, h.users.approver1, 'request.reject', req, { reason: 'No.' }),
    );
    await h.settle();

    expect(stale.notice).toMatch(/expired on .*; it can no longer be rejected\.$/);
    expect(stale.text).toContain('Expired without a decision');
    expect(stale.verbs).toEqual([]);
    expect(await snapshot(h, req)).toEqual(before);
  });

  test('my Cancel after an approver approved gets my card, approved, without Cancel', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();
    const before = await snapshot(h, req);

    const stale = noticedCard(
      await h.teams.execute(h.users.requester, 'request.cancel', { requestId: req.requestId }),
    );
    await h.settle();

    expect(stale.notice).toMatch(/was approved by .*; it can no longer be cancelled\.$/);
    expect(stale.text).toContain('Assigned');
    expect(stale.verbs).toEqual([]);
    expect(await snapshot(h, req)).toEqual(before);
  });

  test('Retry of a request that did not fail gets its card as it stands', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();
    const before = await snapshot(h, req);

    const stale = noticedCard(await clickInThread(h, h.users.approver2, 'request.retry', req));
    await h.settle();

    expect(stale.notice).toMatch(/and assigned; it can no longer be retried\.$/);
    expect(stale.verbs).toEqual([]);
    expect(await snapshot(h, req)).toEqual(before);
  });

  test('my second click on Approve (a double click) gets the approved card and writes once', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    const again = noticedCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    await h.settle();

    expect(again.notice).toBe('');
    expect(again.text).toContain(`Approved by ${h.users.approver1.name}`);
    expect(await statusOf(h, req.requestId)).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
    expect(threadReplies(h, req.thread).filter((t) => /approved by/.test(t))).toHaveLength(1);
  });

  test('in Web Chat the stale card is replaced by the current card with the reason', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();
    const before = await snapshot(h, req);
    h.connector.clear();

    const answer = await h.teams.submit(
      h.users.requester,
      { verb: 'request.cancel', requestId: req.requestId },
      { replyToId: 'my-stale-card' },
    );
    await h.settle();

    expect(answer.status).toBe(200);
    const updates = h.connector.calls.filter((c) => c.kind === 'update');
    expect(updates.map((c) => c.activityId)).toEqual(['my-stale-card']);
    const card = cardOf(updates[0])!;
    expect(cardText(card)).toMatch(/it can no longer be cancelled\./);
    expect(cardText(card)).toContain('Assigned');
    expect(h.connector.calls.filter((c) => c.kind !== 'update')).toEqual([]);
    expect(await snapshot(h, req)).toEqual(before);
  });

  test('a request id that names no request is still an error, not a card', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const before = await snapshot(h, req);

    const forged = await clickInThread(h, h.users.approver1, 'request.approve', {
      ...req,
      requestId: '00000000-0000-4000-8000-000000000000',
    });
    const pathLike = await clickInThread(h, h.users.approver1, 'request.approve', {
      ...req,
      requestId: '../..',
    });
    await h.settle();

    expect(invokeError(forged)).toMatchObject({ statusCode: 404, code: 'unknown-request' });
    expect(invokeError(pathLike)).toMatchObject({ statusCode: 400, code: 'bad-request' });
    expect(await snapshot(h, req)).toEqual(before);
  });

  test('someone who may not see the request gets an error, not its card', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();
    const before = await snapshot(h, req);

    const answer = await clickInThread(h, h.users.outsider, 'request.approve', req);

    expect(invokeError(answer)).toMatchObject({ statusCode: 403, code: 'not-approver' });
    expect(await snapshot(h, req)).toEqual(before);
  });
});

describe('a click while the directory cannot answer', () => {
  const bot = useBot(() => ({ env: { MEMBERSHIP_CACHE_SECONDS: '0' } }));

  test('Approve gets the pending card saying Intune could not be reached, changes nothing, and works once it can', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const before = await snapshot(h, req);
    h.sim.control.addFault({
      method: 'POST',
      path: 'checkMemberGroups',
      status: 503,
      retryAfter: 0,
    });

    const refused = noticedCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    await h.settle();

    expect(refused.notice).toBe(
      'Intune could not be reached, so this was not done; try again in a moment.',
    );
    expect(refused.text).toContain('Pending approval');
    expect(refused.verbs).toEqual(['request.approve', 'request.reject']);
    expect(await snapshot(h, req)).toEqual(before);

    h.sim.control.clearFaults();
    const approved = noticedCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    await h.settle();
    expect(approved.notice).toBe('');
    expect(await statusOf(h, req.requestId)).toBe('assigned');
  });
});
