import { holdersOf } from '../cards/card-checks';
import { cardText } from '../support/bot-harness';
import {
  allCalls,
  clickInThread,
  dmTexts,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
} from '../support/e2e';
import { invokeCard, ZOOM_TO_SALES } from '../support/walk';

const JUSTIFICATION = '**bold** [click](https://evil.example) <at>x</at>';
const REASON = 'No: see [the policy](https://evil.example/policy) and ask **<at>Patti</at>**';

describe('markdown, links and mentions typed by people', () => {
  const bot = useBot();

  test('reach every card, thread reply and direct message exactly as typed, never as markdown', async () => {
    const h = bot();
    const req = await submitRequest(h, { ...ZOOM_TO_SALES, justification: JUSTIFICATION });
    expect((await h.app.store.get(req.requestId))?.justification).toBe(JUSTIFICATION);

    const rejected = invokeCard(
      await clickInThread(h, h.users.approver1, 'request.reject', req, { reason: REASON }),
    );
    await h.teams.say(h.users.requester, `status ${req.displayId}`);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('rejected');
    expect((await h.app.store.get(req.requestId))?.rejectReason).toBe(REASON);
    expect(holdersOf(rejected, REASON)).toEqual(['TextRun']);
    const cards = h.emittedCards().map((c) => c.content);
    const showing = (typed: string) => cards.filter((c) => holdersOf(c, typed).length > 0);
    // The review, my card, the thread's root, the approvers' copies, updates and the status card.
    expect(showing(JUSTIFICATION).length).toBeGreaterThanOrEqual(6);
    expect(showing(REASON).length).toBeGreaterThanOrEqual(4);
    for (const card of showing(JUSTIFICATION)) {
      expect(holdersOf(card, JUSTIFICATION)).toEqual(['TextRun']);
    }
    for (const card of showing(REASON)) expect(holdersOf(card, REASON)).toEqual(['TextRun']);

    expect(threadReplies(h, req.thread)).toContainEqual(expect.stringContaining(REASON));
    expect(dmTexts(h, h.users.requester)).toContainEqual(expect.stringContaining(REASON));
    const texts = allCalls(h).filter((c) => typeof c.body.text === 'string' && c.body.text !== '');
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const message of texts) expect(message.body.textFormat).toBe('plain');
  });

  test('a justification that reads like a template binding is stored as typed and shown inert', async () => {
    const h = bot();
    const typed = 'Budget ${x} approved by {{DATE(2026-01-01T00:00:00Z)}}';
    const req = await submitRequest(h, { ...ZOOM_TO_SALES, justification: typed });

    expect((await h.app.store.get(req.requestId))?.justification).toBe(typed);
    expect(cardText(req.thread.rootCard)).toContain(
      'Budget $\u200b{x} approved by {\u200b{DATE(2026-01-01T00:00:00Z)}}',
    );
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('assigned');
    const write = h.sim.control.writes()[0];
    expect(write?.headers['x-msft-approval-justification']).toBe(
      Buffer.from(typed).toString('base64'),
    );
  });
});
