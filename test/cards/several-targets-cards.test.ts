import { requestCard, wizardCard, type Caps } from '../../src/cards';
import type { RequestedAssignment } from '../../src/domain/assignment';
import type { AssignmentRequest } from '../../src/domain/request';
import { allActions, cardText, validationProblems, verbOf } from './card-checks';
import { draftAt, makeRequest } from './factory';

const STYLES: Caps[] = [
  { style: 'execute', typeahead: true },
  { style: 'submit', typeahead: false },
];
const CONTRACTORS: RequestedAssignment = {
  action: 'remove',
  target: { kind: 'group', groupId: 'grp-contractors', exclude: true },
  targetName: 'Contractors',
  intent: 'required',
};
const MARKETING: RequestedAssignment = {
  target: { kind: 'group', groupId: 'grp-marketing', exclude: false },
  targetName: 'Marketing',
  intent: 'required',
};
const REMOVABLE = [
  { title: 'Exclude Contractors (required)', value: 'exclude:grp-contractors' },
  { title: 'All devices (required)', value: 'allDevices' },
];
const LIST_DIFF = [
  { kind: 'remove' as const, text: '- Exclude Contractors (required)' },
  { kind: 'add' as const, text: '+ Marketing (required)' },
  { kind: 'add' as const, text: '+ Sales (required)' },
];

const reviewOf = (overrides: Partial<AssignmentRequest>, caps: Caps, removable = REMOVABLE) =>
  wizardCard({ ...draftAt('review'), ...overrides }, { caps, justificationMax: 500, removable })
    .content;

describe.each(STYLES)('cards of several targets and removals (%o)', (caps) => {
  test('the review lists every target and offers to add another and to remove one, by name', () => {
    const card = reviewOf(
      { assignments: [CONTRACTORS, MARKETING], diff: LIST_DIFF, kept: 2 },
      caps,
    );
    expect(validationProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
    const text = cardText(card);
    for (const part of [
      'Remove',
      'Exclude Contractors',
      'Include Marketing · Required',
      '- Exclude Contractors (required)',
      '+ Marketing (required)',
      '2 existing assignments are kept as they are.',
      'Exclude Contractors (required)',
      'All devices (required)',
    ]) {
      expect(text).toContain(part);
    }
    const verbs = allActions(card).map(verbOf);
    expect(verbs).toEqual(expect.arrayContaining(['wizard.addTarget', 'wizard.remove']));
  });

  test('the target step offers the removal picker; without current assignments it does not', () => {
    const target = wizardCard(draftAt('target'), {
      caps,
      justificationMax: 500,
      removable: REMOVABLE,
    });
    expect(validationProblems(target.content)).toEqual([]);
    expect(cardText(target.content)).toContain('Or remove an existing assignment');
    const none = wizardCard(draftAt('target'), { caps, justificationMax: 500, removable: [] });
    expect(allActions(none.content).map(verbOf)).not.toContain('wizard.remove');
  });

  test('a review at the cap of ten targets offers neither another target nor a removal', () => {
    const ten = Array.from({ length: 9 }, (_, i) => ({ ...MARKETING, targetName: `Group ${i}` }));
    const verbs = allActions(reviewOf({ assignments: ten }, caps)).map(verbOf);
    expect(verbs).not.toContain('wizard.addTarget');
    expect(verbs).not.toContain('wizard.remove');
  });

  test('removing the last assignment says plainly that the app will have none, on review and request card', () => {
    const only = {
      assignments: [CONTRACTORS],
      target: undefined,
      targetName: undefined,
      intent: undefined,
      filter: undefined,
      diff: [LIST_DIFF[0]!],
      kept: 0,
    };
    const review = reviewOf(only, caps);
    expect(validationProblems(review)).toEqual([]);
    expect(cardText(review)).toContain('After this change the app has no assignments.');
    const request = requestCard(makeRequest(only), { caps, audience: 'approver', canAct: true });
    expect(validationProblems(request.content)).toEqual([]);
    const text = cardText(request.content);
    expect(text).toContain('After this change the app has no assignments.');
    expect(text).toContain('Exclude Contractors');
    expect(text).not.toContain('Include Sales');
  });

  test('a review whose removal is already gone says there is nothing to change, with no Submit', () => {
    const gone = reviewOf(
      {
        assignments: [CONTRACTORS],
        target: undefined,
        diff: [
          { kind: 'unchanged', text: '= Exclude Contractors is not assigned; nothing to remove' },
        ],
      },
      caps,
    );
    expect(cardText(gone)).toContain('what it removes is not assigned');
    expect(allActions(gone).map(verbOf)).not.toContain('wizard.submit');
  });

  test('the request card shows every target of a request with several', () => {
    const request = makeRequest({
      assignments: [CONTRACTORS, MARKETING],
      diff: LIST_DIFF,
      kept: 3,
    });
    const card = requestCard(request, { caps, audience: 'channel', canAct: false }).content;
    expect(validationProblems(card)).toEqual([]);
    const text = cardText(card);
    for (const part of [
      'Exclude Contractors',
      'Include Marketing · Required',
      'Include Sales · Required',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain('3 existing assignments are kept as they are.');
  });
});
