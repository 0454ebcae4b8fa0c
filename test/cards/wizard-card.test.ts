import { NO_FILTER, VERBS, wizardCard, type Caps, type WizardContext } from '../../src/cards';
import {
  actionTitles,
  allActions,
  allObjects,
  cardText,
  dataQueries,
  validationProblems,
  verbs,
} from './card-checks';
import { ALL_STEPS, draftAt } from './factory';
import type { SettingsForm } from '../../src/services/settings-step';
import { APPS, FILTERS, GROUPS, POLICIES, SETTINGS_FORMS } from './options';

const TEAMS: Caps = { style: 'execute', typeahead: true };
const WEB_CHAT: Caps = { style: 'submit', typeahead: false };
const ctx = (caps: Caps, extra: Partial<WizardContext> = {}): WizardContext => ({
  caps,
  justificationMax: 500,
  intents: ['required', 'available', 'uninstall', 'availableWithoutEnrollment'],
  filters: FILTERS,
  ...extra,
});

type Obj = Record<string, unknown>;
const input = (card: Obj, id: string): Obj | undefined =>
  allObjects(card).find(
    (o) => typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id,
  );
const choiceValues = (element: Obj | undefined): unknown[] =>
  ((element?.choices as Obj[] | undefined) ?? []).map((c) => c.value);

const NEXT_VERBS = {
  kind: VERBS.wizardKind,
  item: VERBS.wizardItem,
  target: VERBS.wizardTarget,
  intent: VERBS.wizardIntent,
  settings: VERBS.wizardSettings,
  justification: VERBS.wizardJustification,
  review: VERBS.wizardSubmit,
};

describe('the wizard card', () => {
  const withoutSettings = ALL_STEPS.filter((step) => step !== 'settings');
  it.each(withoutSettings.map((step, i) => [step, i + 1] as const))(
    'says "New request · step N of 6" at the %s step of an app without settings',
    (step, n) => {
      const card = wizardCard(draftAt(step), ctx(TEAMS)).content;
      expect(cardText(card)).toContain(`New request · step ${n} of 6`);
    },
  );

  it.each(ALL_STEPS.map((step, i) => [step, i + 1] as const))(
    'says "New request · step N of 7" at the %s step of an app with settings',
    (step, n) => {
      const card = wizardCard(draftAt(step), ctx(TEAMS, { settingsStep: true })).content;
      expect(cardText(card)).toContain(`New request · step ${n} of 7`);
    },
  );

  it.each(ALL_STEPS)('carries its own Next verb, Discard, and Back unless first at %s', (step) => {
    const card = wizardCard(draftAt(step), ctx(TEAMS)).content;
    expect(verbs(card)).toContain(NEXT_VERBS[step]);
    expect(verbs(card)).toContain(VERBS.wizardDiscard);
    expect(verbs(card).includes(VERBS.wizardBack)).toBe(step !== 'kind');
  });

  it('shows what was chosen so far as facts', () => {
    const text = cardText(wizardCard(draftAt('justification'), ctx(TEAMS)).content);
    for (const fact of ['Mobile app', 'Zoom Workplace', 'Include Sales', 'Required']) {
      expect(text).toContain(fact);
    }
    expect(text).toContain('Corporate devices (include)');
  });

  it('shows the error in the attention colour', () => {
    const card = wizardCard(draftAt('item'), ctx(TEAMS, { error: 'Choose an app.' })).content;
    const error = allObjects(card).find((o) => o.text === 'Choose an app.');
    expect(error?.color).toBe('Attention');
    const clean = wizardCard(draftAt('item'), ctx(TEAMS)).content;
    expect(allObjects(clean).some((o) => o.color === 'Attention')).toBe(false);
  });

  it('asks for the kind with a choice of app or either kind of configuration policy', () => {
    const card = wizardCard(draftAt('kind'), ctx(TEAMS)).content;
    expect(choiceValues(input(card, 'kind'))).toEqual(['app', 'configPolicy', 'managedAppConfig']);
  });

  describe('at the item step', () => {
    it('uses a typeahead over the apps dataset in Teams, with the results as static choices', () => {
      const card = wizardCard(draftAt('item'), ctx(TEAMS, { results: APPS })).content;
      expect(dataQueries(card)).toEqual([{ type: 'Data.Query', dataset: 'apps' }]);
      const itemId = input(card, 'itemId');
      expect(itemId?.style).toBe('filtered');
      expect(choiceValues(itemId)).toEqual(['app-zoom', 'app-slack']);
      expect(input(card, 'query')).toBeUndefined();
      expect(verbs(card)).not.toContain(VERBS.wizardSearch);
    });

    it('uses the configPolicies dataset for a configuration policy', () => {
      const draft = draftAt('item', { draft: { step: 'item', kind: 'configPolicy' } });
      const card = wizardCard(draft, ctx(TEAMS)).content;
      expect(dataQueries(card)).toEqual([{ type: 'Data.Query', dataset: 'configPolicies' }]);
      expect(cardText(card)).toContain('Which app configuration policy?');
    });

    it('uses a search box, a Search button and a results list elsewhere, with no Data.Query', () => {
      const draft = draftAt('item', { draft: { step: 'item', kind: 'app', itemQuery: 'zo' } });
      const card = wizardCard(draft, ctx(WEB_CHAT, { results: APPS })).content;
      expect(dataQueries(card)).toEqual([]);
      expect(input(card, 'query')?.value).toBe('zo');
      expect(verbs(card)).toEqual(expect.arrayContaining([VERBS.wizardSearch, VERBS.wizardItem]));
      expect(input(card, 'itemId')?.style).toBe('expanded');
      expect(choiceValues(input(card, 'itemId'))).toEqual(['app-zoom', 'app-slack']);
    });

    it('shows name, publisher, platform, type and assignment count for each result', () => {
      const card = wizardCard(draftAt('item'), ctx(WEB_CHAT, { results: APPS })).content;
      expect(cardText(card)).toContain(
        'Zoom Workplace — Zoom Video Communications · Windows (Win32) · 4 assignments',
      );
      const policies = wizardCard(
        draftAt('item', { draft: { step: 'item', kind: 'configPolicy' } }),
        ctx(WEB_CHAT, { results: POLICIES }),
      ).content;
      expect(cardText(policies)).toContain('Outlook settings — iOS/iPadOS · 1 assignment');
    });

    it('says so when a search found nothing', () => {
      const draft = draftAt('item', { draft: { step: 'item', kind: 'app', itemQuery: 'qq' } });
      const card = wizardCard(draft, ctx(WEB_CHAT, { results: [] })).content;
      expect(cardText(card)).toContain('No app matches "qq"');
      expect(input(card, 'itemId')).toBeUndefined();
    });

    it('keeps the chosen item selected when the user comes back to the step', () => {
      const draft = draftAt('target', { draft: { step: 'item', kind: 'app' } });
      const card = wizardCard(draft, ctx(TEAMS)).content;
      expect(input(card, 'itemId')?.value).toBe('app-zoom');
      expect(choiceValues(input(card, 'itemId'))).toEqual(['app-zoom']);
    });
  });

  describe('at the target step', () => {
    it('offers include or exclude, a group, All users and All devices', () => {
      const card = wizardCard(draftAt('target'), ctx(TEAMS)).content;
      expect(choiceValues(input(card, 'mode'))).toEqual(['include', 'exclude']);
      expect(choiceValues(input(card, 'targetType'))).toEqual(['group', 'allUsers', 'allDevices']);
    });

    it('offers only groups when tenant-wide targets are not allowed', () => {
      const card = wizardCard(draftAt('target'), ctx(TEAMS, { tenantWideTargets: false })).content;
      expect(choiceValues(input(card, 'targetType'))).toEqual(['group']);
    });

    it('searches groups by typeahead in Teams', () => {
      const card = wizardCard(draftAt('target'), ctx(TEAMS, { results: GROUPS })).content;
      expect(dataQueries(card)).toEqual([{ type: 'Data.Query', dataset: 'groups' }]);
      expect(choiceValues(input(card, 'groupId'))).toEqual(['grp-sales', 'grp-hr']);
    });

    it('searches groups with a search box elsewhere', () => {
      const card = wizardCard(draftAt('target'), ctx(WEB_CHAT, { results: GROUPS })).content;
      expect(dataQueries(card)).toEqual([]);
      expect(input(card, 'groupQuery')).toBeDefined();
      expect(verbs(card)).toContain(VERBS.wizardTargetSearch);
      expect(cardText(card)).toContain('Sales — security · All sales staff');
    });
  });

  describe('at the settings step', () => {
    const at = (form: SettingsForm) =>
      wizardCard(draftAt('settings'), ctx(TEAMS, { settingsStep: true, settingsForm: form }))
        .content;

    it('shows the inputs of the offered settings only, starting from the given values', () => {
      const [, win32] = SETTINGS_FORMS[0]!;
      const card = at(win32);
      expect(input(card, 'notifications')?.value).toBe('hideAll');
      expect(input(card, 'deadlineDate')?.value).toBe('2026-12-12');
      expect(input(card, 'deadlineTime')?.value).toBe('17:30');
      expect(input(card, 'timeZone')?.value).toBe('device');
      expect(input(card, 'gracePeriod')).toMatchObject({ value: 1440, min: 1, max: 20160 });
      expect(input(card, 'deviceLicensing')).toBeUndefined();
      expect(input(card, 'autoUpdateMode')).toBeUndefined();
    });

    it('shows toggles for a volume-purchase app and no Windows inputs', () => {
      const [, vpp] = SETTINGS_FORMS[2]!;
      const card = at(vpp);
      expect(input(card, 'deviceLicensing')).toMatchObject({
        type: 'Input.Toggle',
        value: 'false',
      });
      expect(input(card, 'removable')).toMatchObject({ type: 'Input.Toggle', value: 'true' });
      expect(input(card, 'notifications')).toBeUndefined();
    });

    it('offers Use defaults, which sends no inputs', () => {
      const [, win32] = SETTINGS_FORMS[1]!;
      const defaults = allActions(at(win32)).find((a) => a.title === 'Use defaults');
      expect(defaults).toMatchObject({ verb: VERBS.wizardDefaults, associatedInputs: 'none' });
    });
  });

  describe('at the intent step', () => {
    it('offers the given intents with their Intune names, and the filters with a mode', () => {
      const card = wizardCard(draftAt('intent'), ctx(TEAMS)).content;
      const intent = input(card, 'intent');
      expect((intent?.choices as Obj[]).map((c) => c.title)).toEqual([
        'Required',
        'Available for enrolled devices',
        'Uninstall',
        'Available with or without enrollment',
      ]);
      expect(choiceValues(input(card, 'filterId'))).toEqual([NO_FILTER, 'flt-corp']);
      expect(choiceValues(input(card, 'filterMode'))).toEqual(['include', 'exclude']);
    });

    it('offers only the intents it is given', () => {
      const card = wizardCard(draftAt('intent'), ctx(TEAMS, { intents: ['required'] })).content;
      expect(choiceValues(input(card, 'intent'))).toEqual(['required']);
    });

    it('asks a configuration policy for the filter only', () => {
      const draft = draftAt('intent', {
        item: { kind: 'configPolicy', id: 'p', name: 'Outlook', type: 'x', platform: 'iOS/iPadOS' },
        draft: { step: 'intent', kind: 'configPolicy' },
      });
      const card = wizardCard(draft, ctx(TEAMS)).content;
      expect(input(card, 'intent')).toBeUndefined();
      expect(input(card, 'filterId')).toBeDefined();
    });

    it('says so when there are no filters to choose', () => {
      const card = wizardCard(draftAt('intent'), ctx(TEAMS, { filters: [] })).content;
      expect(input(card, 'filterId')).toBeUndefined();
      expect(cardText(card)).toContain('No assignment filters are available');
    });
  });

  it('asks for a required justification of at most justificationMax characters', () => {
    const card = wizardCard(draftAt('justification'), ctx(TEAMS, { justificationMax: 300 }));
    const field = input(card.content, 'justification');
    expect(field).toMatchObject({ isRequired: true, isMultiline: true, maxLength: 300 });
    expect(field?.errorMessage).toContain('300');
  });

  it('shows the diff at review in monospace, + green, ~ attention, = default', () => {
    const card = wizardCard(draftAt('review'), ctx(TEAMS)).content;
    const lines = allObjects(card).filter((o) => o.fontType === 'Monospace');
    expect(lines.map((l) => [String(l.text).charAt(0), l.color])).toEqual([
      ['+', 'Good'],
      ['~', 'Attention'],
      ['=', 'Default'],
    ]);
    expect(cardText(card)).toContain('Sales moves to Zoom on 1 March.');
    expect(actionTitles(card)).toContain('Submit');
  });

  it.each([TEAMS, WEB_CHAT])(
    'offers no Submit at review when everything is already assigned, and says there is nothing to request',
    (caps) => {
      const draft = draftAt('review', {
        diff: [{ kind: 'unchanged', text: '= Sales is already assigned' }],
      });
      const card = wizardCard(draft, ctx(caps)).content;
      expect(cardText(card)).toContain(
        'This is already assigned that way, so there is nothing to request. Choose Back to change the target or intent, or Discard this draft.',
      );
      expect(cardText(card)).not.toMatch(/approving changes nothing/i);
      expect(actionTitles(card)).toEqual(['Back', 'Discard']);
      expect(verbs(card)).not.toContain(VERBS.wizardSubmit);
    },
  );

  it('names its inputs with the documented ids', () => {
    const ids = ALL_STEPS.flatMap((step) =>
      [TEAMS, WEB_CHAT].flatMap((caps) =>
        allObjects(wizardCard(draftAt(step), ctx(caps, { results: [] })).content)
          .filter((o) => typeof o.type === 'string' && o.type.startsWith('Input.'))
          .map((o) => o.id),
      ),
    );
    expect(new Set(ids)).toEqual(
      new Set([
        'kind',
        'query',
        'itemId',
        'mode',
        'targetType',
        'groupId',
        'groupQuery',
        'intent',
        'filterId',
        'filterMode',
        'justification',
      ]),
    );
  });

  it('renders a typed ${...} in user text as text, not as a binding', () => {
    const draft = draftAt('review', { justification: 'literally ${price} please' });
    const card = wizardCard(draft, ctx(TEAMS)).content;
    expect(JSON.stringify(card)).not.toContain('${');
    expect(cardText(card)).toContain('literally $\u200b{price} please');
    expect(validationProblems(card)).toEqual([]);
  });
});
