import { actionsOf, cardText } from '../support/bot-harness';
import {
  clickInThread,
  currentCard,
  dmTexts,
  statusOf,
  submitRequest,
  threadReplies,
  updatedInChat,
  useBot,
} from '../support/e2e';
import { noticedCard } from '../support/notice';
import { ZOOM_TO_SALES } from '../support/walk';

const isReminder = (text: string) => text.startsWith('Reminder:');

describe('a request nobody decides', () => {
  const bot = useBot();

  test('approvers get one reminder a day before the end, then it expires and can no longer be approved', async () => {
    const h = bot();
    const sweep = () => h.app.services.expiry.sweep();
    const req = await submitRequest(h, ZOOM_TO_SALES);

    h.clock.advanceHours(47);
    expect(await sweep()).toEqual({ reminded: 0, expired: 0 });

    h.clock.advanceHours(2);
    expect(await sweep()).toEqual({ reminded: 1, expired: 0 });
    await h.settle();
    expect(await sweep()).toEqual({ reminded: 0, expired: 0 });
    h.clock.advanceHours(12);
    expect(await sweep()).toEqual({ reminded: 0, expired: 0 });
    await h.settle();

    const reminders = threadReplies(h, req.thread).filter(isReminder);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain(req.displayId);
    for (const approver of [h.users.approver1, h.users.approver2]) {
      expect(dmTexts(h, approver).filter(isReminder)).toHaveLength(1);
    }
    expect(dmTexts(h, h.users.requester).filter(isReminder)).toEqual([]);
    expect(await statusOf(h, req.requestId)).toBe('pending');

    h.clock.advanceHours(11);
    expect(await sweep()).toEqual({ reminded: 0, expired: 1 });
    await h.settle();
    expect(await sweep()).toEqual({ reminded: 0, expired: 0 });

    expect(await statusOf(h, req.requestId)).toBe('expired');
    const expiredText = `${req.displayId} expired without a decision.`;
    expect(threadReplies(h, req.thread)).toContain(expiredText);
    expect(dmTexts(h, h.users.requester)).toContain(`Your request ${expiredText}`);
    expect(cardText(currentCard(h, req.thread.rootId))).toMatch(/Expired without a decision/);
    for (const user of [h.users.requester, h.users.approver1, h.users.approver2]) {
      expect(updatedInChat(h, user)).toBe(true);
    }

    const late = noticedCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    expect(late.notice).toMatch(new RegExp(`${req.displayId} expired .*no longer be approved`));
    expect(late.text).toMatch(/Expired without a decision/);
    expect(late.verbs).not.toContain('request.approve');
    await h.settle();
    expect(await statusOf(h, req.requestId)).toBe('expired');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('an approval arriving after the deadline, before any sweep, is refused and expires the request', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    h.clock.advanceHours(73);

    const late = noticedCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    expect(late.notice).toMatch(/expired/);
    expect(late.verbs).toEqual([]);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('expired');
    expect(threadReplies(h, req.thread)).toContain(`${req.displayId} expired without a decision.`);
    expect(actionsOf(currentCard(h, req.thread.rootId)).map((a) => a.verb)).not.toContain(
      'request.approve',
    );
    expect(h.sim.control.writes()).toEqual([]);
  });
});
