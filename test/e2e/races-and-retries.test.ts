import { cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
} from '../support/e2e';
import type { HttpAnswer } from '../support/teams-client';
import { noticedCard } from '../support/notice';
import { ZOOM_TO_SALES } from '../support/walk';

const isCard = (a: HttpAnswer) =>
  (a.body as { type?: string } | undefined)?.type === 'application/vnd.microsoft.card.adaptive';

describe('approvals that arrive together', () => {
  const bot = useBot();

  test('two approvers click Approve at the same instant: one wins, the other gets the approved card saying who, and Intune is written once', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const since = h.clock.now().toISOString();

    const answers = await Promise.all([
      clickInThread(h, h.users.approver1, 'request.approve', req),
      clickInThread(h, h.users.approver2, 'request.approve', req),
    ]);
    await h.settle();

    const winners = answers.filter((a) => isCard(a) && noticedCard(a).notice === '');
    expect(winners).toHaveLength(1);
    const winner = answers[0] === winners[0] ? h.users.approver1 : h.users.approver2;
    const loser = noticedCard(answers.find((a) => a !== winners[0])!);
    expect(cardText((winners[0]!.body as { value: unknown }).value)).toContain(
      `Approved by ${winner.name}`,
    );
    expect(loser.notice).toContain(`approved by ${winner.name}`);
    expect(loser.text).toContain(`Approved by ${winner.name}`);
    expect(loser.verbs).not.toContain('request.approve');

    expect(await statusOf(h, req.requestId)).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
    expect(h.sim.control.writes()).toHaveLength(1);
    const trail = await h.app.store.auditSince(since);
    expect(trail.filter((r) => r.action === 'approve')).toHaveLength(1);
    expect(trail.filter((r) => r.action === 'start-assignment')).toHaveLength(1);
    expect(threadReplies(h, req.thread).filter((t) => /approved by/.test(t))).toHaveLength(1);
  });

  test('Teams delivers the same Approve twice: one transition, one write', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const invoke = h.teams.activity(
      h.users.approver1,
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: req.thread.rootId,
        value: {
          action: {
            type: 'Action.Execute',
            id: 'approve-once',
            verb: 'request.approve',
            data: { requestId: req.requestId },
          },
          trigger: 'manual',
        },
      },
      'channel',
    );

    const [first, second] = await Promise.all([h.teams.post(invoke), h.teams.post(invoke)]);
    const third = await h.teams.post(invoke);
    await h.settle();

    // The approver sees the request's card every time; only one delivery made the transition.
    expect([first, second, third].every(isCard)).toBe(true);
    expect(await statusOf(h, req.requestId)).toBe('assigned');
    expect(h.sim.control.writes()).toHaveLength(1);
    const trail = await h.app.store.auditSince(h.clock.now().toISOString());
    expect(trail.map((r) => r.action)).toEqual([
      'submit',
      'approve',
      'start-assignment',
      'assigned',
    ]);
  });
});

describe('Graph throttling during the assignment', () => {
  const bot = useBot();

  test('a 429 storm on the assign call is retried and the request completes with one applied write', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 429,
      retryAfter: 0,
      times: 3,
    });

    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('assigned');
    const writes = h.sim.control.writes();
    expect(writes.map((w) => w.status)).toEqual([429, 429, 429, 204]);
    expect(appliedWrites(h)).toHaveLength(1);
    const done = threadReplies(h, req.thread).find((t) => t.includes('is done'));
    expect(done).toContain(writes[3]!.requestId);
    const stored = await h.app.store.get(req.requestId);
    expect(stored?.attempts).toBe(1);
  });
});
