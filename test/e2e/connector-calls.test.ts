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

  test('an approval updates every copy once per change, and every copy ends showing the assignment done', async () => {
    const h = bot();
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    const copies = await h.app.store.cardCopies(submitted.requestId);
    h.connector.clear();
    await clickInThread(h, h.users.approver1, 'request.approve', submitted);
    await h.settle();
    const updates = h.connector.calls.filter((c) => c.kind === 'update');
    // Two changes (approved, then assigned), each put once in each copy.
    expect(updates).toHaveLength(2 * copies.length);
    for (const copy of copies) {
      const card = currentCard(h, String(copy.ref.activityId));
      expect(cardText(card)).toMatch(/Assigned/i);
    }
  });

  test('the calls of an approval go over kept-alive connections, not one connection each', async () => {
    const h = bot();
    const submitted = await submitRequest(h, ZOOM_TO_SALES);
    h.connector.clear();
    const before = h.connector.connections;
    await clickInThread(h, h.users.approver1, 'request.approve', submitted);
    await h.settle();
    expect(h.connector.calls.length).toBeGreaterThanOrEqual(10);
    expect(h.connector.connections - before).toBeLessThanOrEqual(2);
  });
});
