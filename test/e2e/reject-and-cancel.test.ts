import { actionsOf, cardOf, cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  currentCard,
  dmTexts,
  personalChat,
  statusOf,
  submitRequest,
  threadReplies,
  updatedInChat,
  useBot,
} from '../support/e2e';
import { noticedCard } from '../support/notice';
import { invokeCard, ZOOM_TO_SALES } from '../support/walk';

describe('rejecting a request', () => {
  const bot = useBot();

  test('an approver rejects my request with a reason, and the thread and my chat say why', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const reason = 'Sales already has Zoom through the All users assignment.';

    const rejected = invokeCard(
      await clickInThread(h, h.users.approver1, 'request.reject', req, { reason }),
    );
    expect(cardText(rejected)).toContain(`Rejected by ${h.users.approver1.name}`);
    expect(cardText(rejected)).toContain(reason);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('rejected');
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringMatching(new RegExp(`rejected by ${h.users.approver1.name}: ${reason}`)),
    );
    expect(dmTexts(h, h.users.requester)).toContainEqual(expect.stringContaining(reason));
    expect(cardText(currentCard(h, req.thread.rootId))).toContain(reason);
    expect(updatedInChat(h, h.users.requester)).toBe(true);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('rejecting without a reason is refused on the card, which keeps its buttons, and changes nothing', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const callsBefore = h.connector.calls.length;

    for (const reason of [undefined, '', '   ']) {
      const answer = noticedCard(
        await clickInThread(h, h.users.approver1, 'request.reject', req, { reason }),
      );
      expect(answer.notice).toMatch(/give a reason/i);
      expect(answer.verbs).toEqual(['request.approve', 'request.reject']);
    }
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('pending');
    expect(h.connector.calls.slice(callsBefore)).toEqual([]);
    expect(h.sim.control.writes()).toEqual([]);
  });
});

describe('cancelling a request', () => {
  const bot = useBot();

  test('I cancel my pending request with the Cancel button on my card', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const cancel = actionsOf(req.submittedCard).find((a) => a.verb === 'request.cancel');
    expect(cancel?.data?.requestId).toBe(req.requestId);

    const answer = invokeCard(
      await h.teams.execute(h.users.requester, 'request.cancel', cancel?.data ?? {}),
    );
    expect(cardText(answer)).toContain(`Cancelled by ${h.users.requester.name}`);
    expect(actionsOf(answer).map((a) => a.verb)).not.toContain('request.cancel');
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('cancelled');
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringContaining(`${req.displayId} was cancelled by ${h.users.requester.name}`),
    );
    expect(cardText(currentCard(h, req.thread.rootId))).toMatch(/Cancelled/);
    expect(updatedInChat(h, h.users.approver1)).toBe(true);
    expect(h.sim.control.writes()).toEqual([]);

    const late = noticedCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    expect(late.notice).toMatch(/was cancelled .*no longer be approved/);
    expect(late.verbs).not.toContain('request.approve');
    expect(await statusOf(h, req.requestId)).toBe('cancelled');
  });

  test('I cancel my pending request by typing "cancel REQ-1001"', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    expect(req.displayId).toBe('REQ-1001');
    h.connector.clear();

    await h.teams.say(h.users.requester, 'cancel REQ-1001');
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('cancelled');
    const answer = h.connector.calls.find(
      (c) => c.conversationId === personalChat(h.users.requester) && cardOf(c),
    );
    expect(cardText(cardOf(answer))).toContain(`Cancelled by ${h.users.requester.name}`);
    expect(threadReplies(h, req.thread)).toContainEqual(expect.stringContaining('was cancelled'));
  });

  test('someone else cannot cancel my request, by typing or by clicking', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    h.connector.clear();

    await h.teams.say(h.users.approver1, `cancel ${req.displayId}`);
    const typed = h.connector.calls.find(
      (c) => c.conversationId === personalChat(h.users.approver1) && cardOf(c),
    );
    expect(cardText(cardOf(typed))).toContain(`Only ${h.users.requester.name}`);

    await h.teams.say(h.users.outsider, `cancel ${req.displayId}`);
    const outsider = h.connector.calls.find(
      (c) => c.conversationId === personalChat(h.users.outsider) && cardOf(c),
    );
    expect(cardText(cardOf(outsider))).toContain(`There is no request ${req.displayId}`);

    const clicked = noticedCard(await clickInThread(h, h.users.approver2, 'request.cancel', req));
    expect(clicked.notice).toBe(
      `Only ${h.users.requester.name}, who made ${req.displayId}, may cancel it.`,
    );
    expect(clicked.verbs).toEqual(['request.approve', 'request.reject']);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('pending');
    expect(threadReplies(h, req.thread)).toEqual([]);
    expect(appliedWrites(h)).toEqual([]);
  });
});
