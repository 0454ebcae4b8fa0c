import { requestCard, wizardCard, type Caps, type WizardContext } from '../../src/cards';
import type { AssignmentRequest, RequestItem, WizardStep } from '../../src/domain/request';
import { allObjects, cardText, dataQueries, validationProblems } from './card-checks';
import { draftAt, requestIn } from './factory';

const TEAMS: Caps = { style: 'execute', typeahead: true };
const WEB_CHAT: Caps = { style: 'submit', typeahead: false };
const ctx = (caps: Caps, extra: Partial<WizardContext> = {}): WizardContext => ({
  caps,
  justificationMax: 500,
  ...extra,
});

const OUTLOOK: RequestItem = {
  kind: 'managedAppConfig',
  id: 'mac-outlook',
  name: 'Outlook - Managed apps settings',
  type: 'targetedManagedAppConfiguration',
  platform: 'iOS/iPadOS, Android',
};

/** A managed-app policy draft at `step`: no intent and no filter, ever. */
function managedDraft(step: WizardStep): AssignmentRequest {
  const base = draftAt(step);
  return {
    ...base,
    item: base.item && OUTLOOK,
    intent: undefined,
    filter: undefined,
    draft: { step, kind: 'managedAppConfig' },
  };
}

const targetTypes = (card: Record<string, unknown>) =>
  allObjects(card)
    .filter((o) => o.id === 'targetType')
    .flatMap((o) => (o.choices as { value: string }[]).map((c) => c.value));

describe('the wizard card for an app configuration policy for managed apps', () => {
  it.each([
    ['kind', 1],
    ['item', 2],
    ['target', 3],
    ['justification', 4],
    ['review', 5],
  ] as const)('counts five steps, the %s step being step %i', (step, n) => {
    const card = wizardCard(managedDraft(step), ctx(TEAMS)).content;
    expect(cardText(card)).toContain(`New request · step ${n} of 5`);
    expect(validationProblems(card)).toEqual([]);
  });

  it('searches the managedAppConfigs dataset in Teams and names the kind', () => {
    const card = wizardCard(managedDraft('item'), ctx(TEAMS)).content;
    expect(dataQueries(card)).toEqual([{ type: 'Data.Query', dataset: 'managedAppConfigs' }]);
    expect(cardText(card)).toContain('Which app configuration policy for managed apps?');
  });

  it('offers only a group at the target step, on Teams and elsewhere', () => {
    for (const caps of [TEAMS, WEB_CHAT]) {
      const card = wizardCard(managedDraft('target'), ctx(caps)).content;
      expect(targetTypes(card)).toEqual(['group']);
      expect(validationProblems(card)).toEqual([]);
    }
  });

  it('shows no Filter or Intent among the choices at the justification and review', () => {
    for (const step of ['justification', 'review'] as const) {
      const text = cardText(wizardCard(managedDraft(step), ctx(TEAMS)).content);
      expect(text).toContain('App configuration policy (managed apps)');
      expect(text).not.toMatch(/Filter|Intent/);
    }
  });

  it('tells approvers on the request card that it is a managed-apps policy, without a filter line', () => {
    const request = requestIn('pending', { item: OUTLOOK, intent: undefined, filter: undefined });
    const card = requestCard(request, { caps: TEAMS, audience: 'approver', canAct: true }).content;
    const text = cardText(card);
    expect(text).toContain(
      'Outlook - Managed apps settings · iOS/iPadOS, Android (app configuration for managed apps)',
    );
    expect(text).not.toMatch(/Filter/);
    expect(validationProblems(card)).toEqual([]);
  });
});
