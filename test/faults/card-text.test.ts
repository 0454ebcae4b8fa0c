import { cardText } from '../support/bot-harness';
import { clickInThread, submitRequest, threadReplies, useBot } from '../support/e2e';
import { noticedCard } from '../support/notice';
import { ZOOM_TO_SALES } from '../support/walk';
import { wizardAt } from '../support/wizard-session';

const ASK = 'Say why the assignment is needed.';

/** Justifications that must be refused, and the message each gets (the length is what was sent). */
const BAD_JUSTIFICATIONS: [string, unknown, string][] = [
  ['nothing at all', '', ASK],
  ['not a string', 42, ASK],
  [
    'spaces, tabs and newlines',
    ' \t\n \r\n ',
    `${ASK} What you sent is 7 characters of spaces or invisible characters.`,
  ],
  [
    'zero-width characters',
    '\u200b\u200c\u200d\u2060\ufeff',
    `${ASK} What you sent is 5 characters of spaces or invisible characters.`,
  ],
  [
    'control characters',
    '\u0000\u0007\u001b\u007f',
    `${ASK} What you sent is 4 characters of spaces or invisible characters.`,
  ],
  [
    'direction marks and fillers',
    '\u200e\u3164\u00a0',
    `${ASK} What you sent is 3 characters of spaces or invisible characters.`,
  ],
  [
    'a right-to-left override',
    'Needed for Sales \u202eesaeler 1Q',
    'The justification contains an invisible character that changes the direction of the text (U+202E), so others would not read what you typed; remove it.',
  ],
  ['501 characters', 'x'.repeat(501), 'The justification is 501 characters long; keep it to 500.'],
  [
    '5,000 characters',
    'x'.repeat(5_000),
    'The justification is 5,000 characters long; keep it to 500.',
  ],
  [
    '200,000 characters',
    'y'.repeat(200_000),
    'The justification is 200,000 characters long; keep it to 500.',
  ],
];

describe('a justification that cannot be shown to approvers as typed', () => {
  const bot = useBot();

  test.each(BAD_JUSTIFICATIONS)(
    'is refused (%s): the wizard stays at the justification with the reason, nothing stored',
    async (_label, justification, message) => {
      const h = bot();
      const wizard = await wizardAt(h, 'justification');
      const before = await h.app.store.get(wizard.draftId);

      const card = await wizard.step('wizard.justification', { justification });
      await h.settle();

      expect(cardText(card)).toContain(message);
      expect(cardText(card)).toContain('Why is it needed?');
      expect(await h.app.store.get(wizard.draftId)).toEqual(before);
      expect(h.sim.control.writes()).toEqual([]);
    },
  );

  test('zero-width characters and spaces around a justification are trimmed, not stored', async () => {
    const h = bot();
    const wizard = await wizardAt(h, 'justification');

    const card = await wizard.step('wizard.justification', {
      justification: '\u200b\ufeff  Sales needs a text editor. \u2060\n',
    });

    expect(cardText(card)).toContain('Review and submit');
    const stored = await h.app.store.get(wizard.draftId);
    expect(stored?.justification).toBe('Sales needs a text editor.');
  });
});

/** Reasons that must be refused, and the message each gets. */
const BAD_REASONS: [string, unknown, RegExp][] = [
  ['missing', undefined, /^Give a reason for rejecting this request; the requester sees it\.$/],
  ['only spaces', '     ', /^Give a reason .* What you sent is 5 characters of spaces/],
  ['only zero-width characters', '\u200b\u200b', /^Give a reason .* 2 characters of spaces/],
  ['only control characters', '\u0007\u0008', /^Give a reason .* 2 characters of spaces/],
  ['an isolate control', 'No \u2067budget\u2069', /^The reason contains .* \(U\+2067\)/],
  [
    '5,000 characters',
    'z'.repeat(5_000),
    /^The reason is 5,000 characters long; keep it to 500\.$/,
  ],
];

describe('a rejection reason that cannot be shown to the requester as typed', () => {
  const bot = useBot();

  test.each(BAD_REASONS)(
    'is refused (%s) on the card, which keeps its buttons; the request stays pending, untouched',
    async (_label, reason, message) => {
      const h = bot();
      const req = await submitRequest(h, ZOOM_TO_SALES);
      const before = await h.app.store.get(req.requestId);

      const answer = noticedCard(
        await clickInThread(h, h.users.approver1, 'request.reject', req, { reason }),
      );
      await h.settle();

      expect(answer.notice).toMatch(message);
      expect(answer.text).toContain('Pending approval');
      expect(answer.verbs).toEqual(['request.approve', 'request.reject']);
      expect(await h.app.store.get(req.requestId)).toEqual(before);
      expect(threadReplies(h, req.thread)).toEqual([]);
      expect(h.sim.control.writes()).toEqual([]);
    },
  );
});
