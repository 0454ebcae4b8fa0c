import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  dmCards,
  invokeError,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
} from '../support/e2e';
import { noticedCard } from '../support/notice';
import { invokeCard, ZOOM_TO_SALES } from '../support/walk';

describe('who may approve', () => {
  const bot = useBot();

  test('someone who is not an approver clicks Approve and is refused; nothing changes', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const callsBefore = h.connector.calls.length;

    for (const verb of ['request.approve', 'request.reject', 'request.retry']) {
      const answer = await clickInThread(h, h.users.outsider, verb, req, { reason: 'no' });
      const error = invokeError(answer);
      expect(error.code).toBe('not-approver');
      expect(error.statusCode).toBe(403);
      expect(error.message).toContain('Only approvers');
    }
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('pending');
    expect(h.connector.calls.slice(callsBefore)).toEqual([]);
    expect(threadReplies(h, req.thread)).toEqual([]);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('an approver through nested groups may approve', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);

    const answer = await clickInThread(h, h.users.nestedApprover, 'request.approve', req);
    expect(cardText(invokeCard(answer))).toContain(`Approved by ${h.users.nestedApprover.name}`);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
  });
});

describe('self-approval', () => {
  const bot = useBot(() => ({ env: { APPROVER_USER_IDS: WELL_KNOWN.users.requester } }));

  test('an approver who made the request cannot approve or reject it, and gets no buttons for it', async () => {
    const h = bot();
    expect(await h.app.services.authorizer.isApprover(h.users.requester.aadObjectId)).toBe(true);
    const req = await submitRequest(h, ZOOM_TO_SALES);
    expect(actionsOf(req.submittedCard).map((a) => a.verb)).not.toContain('request.approve');
    const ownDms = dmCards(h, h.users.requester).filter((c) => cardText(c).includes(req.displayId));
    for (const card of ownDms) {
      expect(actionsOf(card).map((a) => a.verb)).not.toContain('request.approve');
    }

    const approve = noticedCard(await clickInThread(h, h.users.requester, 'request.approve', req));
    expect(approve.notice).toContain('another approver must approve');
    expect(approve.verbs).toEqual(['request.cancel']);
    const reject = noticedCard(
      await clickInThread(h, h.users.requester, 'request.reject', req, { reason: 'never mind' }),
    );
    expect(reject.notice).toContain('so you cannot decide it');
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('pending');
    expect(threadReplies(h, req.thread)).toEqual([]);
    expect(h.sim.control.writes()).toEqual([]);

    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();
    expect(await statusOf(h, req.requestId)).toBe('assigned');
  });
});
