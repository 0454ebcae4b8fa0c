import { cardText } from '../support/bot-harness';
import {
  clickInThread,
  currentCard,
  personalChat,
  submitRequest,
  updatedMessages,
  useBot,
} from '../support/e2e';
import { ZOOM_TO_SALES } from '../support/walk';

describe('Bot Connector calls: only what changes what someone sees, over kept connections', () => {
  const bot = useBot();

  test('a submitted request posts its cards once: the copies just posted are not updated with the same card', async () => {
    const h = bot();
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const updated = updatedMessages(h);
    const thread = `${submitted.thread.conversationId}|${submitted.thread.rootId}`;
    expect(updated.has(thread)).toBe(false);
    for (const approver of [h.users.approver1, h.users.approver2]) {
      expect([...updated].some((u) => u.startsWith(`${personalChat(approver)}|`))).toBe(false);
    }
    // The requester's wizard card becomes the submitted request, so that copy is updated.
    expect([...updated].some((u) => u.startsWith(`${personalChat(h.users.requester)}|`))).toBe(
      true,
    );
  });

  test('an approval whose assignment is done within moments updates every copy once, to show it assigned', async () => {
    const h = bot();
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const copies = await h.app.store.cardCopies(submitted.requestId);
    h.connector.clear();
    await clickInThread(h, h.users.approver1, 'request.approve', submitted);
    await h.settle();
    const updates = h.connector.calls.filter((c) => c.kind === 'update');
    // "Approved, assigning" would have shown for a moment only: the copies go straight to assigned.
    expect(updates).toHaveLength(copies.length);
    for (const copy of copies) {
      const card = currentCard(h, String(copy.ref.activityId));
      expect(cardText(card)).toMatch(/Assigned/i);
    }
    // The thread and the requester still hear of both changes.
    const said = h.connector.calls.map((c) => String(c.body.text ?? ''));
    expect(said.filter((t) => /was approved by/.test(t))).toHaveLength(2);
    expect(said.filter((t) => / is done: /.test(t))).toHaveLength(2);
  });

  test('an approval whose write takes longer than a few seconds shows "approved" in every copy meanwhile', async () => {
    const h = bot();
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const copies = await h.app.store.cardCopies(submitted.requestId);
    // Intune throttles the write once and asks for 5 s: the copies show the approval meanwhile.
    h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      times: 1,
      status: 429,
      retryAfter: 5,
    });
    h.connector.clear();
    await clickInThread(h, h.users.approver1, 'request.approve', submitted);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    for (const copy of copies) {
      expect(cardText(currentCard(h, String(copy.ref.activityId)))).toMatch(
        /approved by .* assigning…/i,
      );
    }
    await h.settle();
    expect(h.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(2 * copies.length);
    for (const copy of copies) {
      expect(cardText(currentCard(h, String(copy.ref.activityId)))).toMatch(/Assigned/i);
    }
  }, 20_000);

  test('the calls of an approval go over kept-alive connections, not one connection each', async () => {
    const h = bot();
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    h.connector.clear();
    const before = h.connector.connections;
    await clickInThread(h, h.users.approver1, 'request.approve', submitted);
    await h.settle();
    expect(h.connector.calls.length).toBeGreaterThanOrEqual(7);
    expect(h.connector.connections - before).toBeLessThanOrEqual(2);
  });
});
