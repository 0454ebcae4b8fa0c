import {
  clickInThread,
  dmTexts,
  submitRequest,
  threadReplies,
  useBot,
  type Submitted,
} from '../support/e2e';
import type { BotHarness } from '../support/bot-harness';
import { ZOOM_TO_SALES } from '../support/walk';

/** The requester's direct messages about a request, in order. */
const myMessages = (h: BotHarness, req: Submitted) =>
  dmTexts(h, h.users.requester).filter((t) => t.includes(req.displayId));

describe('the messages I get about my own request', () => {
  const bot = useBot();

  test('speak to me from submission to assignment, while the thread speaks of me', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const target = (await h.app.store.get(req.requestId))?.targetName;
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    const mine = myMessages(h, req);
    expect(mine[0]).toBe(
      `You submitted ${req.displayId}: Zoom Workplace → ${target}. Waiting for an approver.`,
    );
    expect(mine[1]).toBe(
      `Your request ${req.displayId} was approved by ${h.users.approver1.name}. Assigning in Intune…`,
    );
    expect(mine[2]).toMatch(new RegExp(`^Your request ${req.displayId} is done: \\+ `));
    expect(mine).toHaveLength(3);
    expect(threadReplies(h, req.thread)[0]).toBe(
      `${req.displayId} was approved by ${h.users.approver1.name}. Assigning in Intune…`,
    );
  });

  test('say "You cancelled" when I cancel, and who rejected it, and why, when it is rejected', async () => {
    const h = bot();
    const cancelled = await submitRequest(h, ZOOM_TO_SALES);
    await h.teams.execute(h.users.requester, 'request.cancel', { requestId: cancelled.requestId });
    const rejected = await submitRequest(h, ZOOM_TO_SALES);
    await clickInThread(h, h.users.approver2, 'request.reject', rejected, { reason: 'Not now.' });
    await h.settle();

    expect(myMessages(h, cancelled).at(-1)).toBe(`You cancelled ${cancelled.displayId}.`);
    expect(threadReplies(h, cancelled.thread)).toEqual([
      `${cancelled.displayId} was cancelled by ${h.users.requester.name}.`,
    ]);
    expect(myMessages(h, rejected).at(-1)).toBe(
      `Your request ${rejected.displayId} was rejected by ${h.users.approver2.name}: Not now.`,
    );
    for (const text of dmTexts(h, h.users.requester)) {
      expect(text).toMatch(/^(You |Your request )/);
      expect(text).not.toContain(h.users.requester.name);
    }
  });
});
