import { requestCard, wizardCard, type Caps } from '../../src/cards';
import type { Audience } from '../../src/cards/views/request-status';
import { allObjects, holdersOf, validationProblems } from './card-checks';
import { ALL_STATUSES, draftAt, requestIn } from './factory';

/** What a requester or approver might type, every part of which markdown or Teams would render. */
const TYPED = '**bold** [click](https://evil.example) <at>x</at> _it_ # head';

const CAPS: Caps[] = [
  { style: 'execute', typeahead: true },
  { style: 'submit', typeahead: false },
];
const AUDIENCES: Audience[] = ['channel', 'requester', 'approver'];

describe('what people typed, on cards', () => {
  it.each(ALL_STATUSES)(
    'a request card in state %s shows the justification only as a TextRun',
    (status) => {
      for (const caps of CAPS) {
        for (const audience of AUDIENCES) {
          const card = requestCard(requestIn(status, { justification: TYPED }), {
            caps,
            audience,
            canAct: true,
          }).content;
          expect(holdersOf(card, TYPED)).toEqual(['TextRun']);
          expect(validationProblems(card)).toEqual([]);
        }
      }
    },
  );

  it('a rejected request card shows the reason only as a TextRun, after the words "Reason: "', () => {
    const request = requestIn('rejected', { justification: 'Needed.', rejectReason: TYPED });
    for (const audience of AUDIENCES) {
      const card = requestCard(request, { caps: CAPS[0]!, audience, canAct: false }).content;
      expect(holdersOf(card, TYPED)).toEqual(['TextRun']);
      const reason = allObjects(card).find(
        (o) => o.type === 'RichTextBlock' && JSON.stringify(o).includes(TYPED),
      );
      expect(reason?.inlines).toEqual([
        { type: 'TextRun', text: 'Reason: ', weight: 'Bolder' },
        { type: 'TextRun', text: TYPED },
      ]);
    }
  });

  it('the wizard review shows the justification only as a TextRun', () => {
    for (const caps of CAPS) {
      const card = wizardCard(draftAt('review', { justification: TYPED }), {
        caps,
        justificationMax: 500,
      }).content;
      expect(holdersOf(card, TYPED)).toEqual(['TextRun']);
    }
  });

  it('the justification step gives the justification back in its input only', () => {
    const card = wizardCard(draftAt('justification', { justification: TYPED }), {
      caps: CAPS[0]!,
      justificationMax: 500,
    }).content;
    expect(holdersOf(card, TYPED)).toEqual(['Input.Text']);
  });

  it('a typed {{DATE(...)}} is shown as typed, not as a date', () => {
    const typed = 'by {{DATE(2026-01-01T00:00:00Z, SHORT)}} at {{TIME(2026-01-01T09:00:00Z)}}';
    const card = requestCard(requestIn('pending', { justification: typed }), {
      caps: CAPS[0]!,
      audience: 'approver',
      canAct: true,
    }).content;
    const shown =
      'by {\u200b{DATE(2026-01-01T00:00:00Z, SHORT)}} at {\u200b{TIME(2026-01-01T09:00:00Z)}}';
    expect(holdersOf(card, shown)).toEqual(['TextRun']);
  });

  it('a search that found nothing quotes the query as a TextRun', () => {
    const draft = draftAt('item', { draft: { step: 'item', kind: 'app', itemQuery: TYPED } });
    const card = wizardCard(draft, { caps: CAPS[1]!, justificationMax: 500, results: [] }).content;
    expect(holdersOf(card, TYPED)).toEqual(['Input.Text', 'TextRun']);
  });
});
