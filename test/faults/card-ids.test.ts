import { WELL_KNOWN } from '../../src/simulator/seed';
import { cardText } from '../support/bot-harness';
import { useBot } from '../support/e2e';
import { graphCallsDuring, wizardAt, type WizardSession } from '../support/wizard-session';

const SALES = WELL_KNOWN.groups.sales;

/** Ids a forged or broken card could carry, none of them a GUID. */
const NOT_GUIDS: [string, unknown][] = [
  ['a dot', '.'],
  ['two dots', '..'],
  ['a path climbing out', 'x/../..'],
  ['percent-encoded dots', '%2e%2e'],
  ['a collection with a query', 'groups?$top=999'],
  ['a name instead of an id', 'sales'],
  ['a GUID followed by a path', `${SALES}/../../users`],
  ['a GUID in braces', `{${SALES}}`],
  ['an id of 10,000 characters', 'a'.repeat(10_000)],
  ['a GUID with a newline and more', `${SALES}\n/x`],
];

/** What the draft was, what the click answered, and which Graph calls it made. */
async function clickAndWatch(
  h: ReturnType<ReturnType<typeof useBot>>,
  wizard: WizardSession,
  verb: string,
  data: Record<string, unknown>,
) {
  const before = await h.app.store.get(wizard.draftId);
  let card: Record<string, unknown> = {};
  const calls = await graphCallsDuring(h, async () => {
    card = await wizard.step(verb, data);
  });
  return { before, text: cardText(card), calls, after: await h.app.store.get(wizard.draftId) };
}

describe('a group id that is not a GUID', () => {
  const bot = useBot();

  test.each(NOT_GUIDS)(
    'is refused at the target step (%s): the wizard says so, the draft is unchanged and Graph is not asked',
    async (_label, groupId) => {
      const h = bot();
      const wizard = await wizardAt(h, 'target');

      const seen = await clickAndWatch(h, wizard, 'wizard.target', {
        targetType: 'group',
        groupId,
        mode: 'include',
      });

      expect(seen.text).toContain('That is not a group id; search for the group again.');
      expect(seen.text).toContain('Who should get it?');
      expect(seen.after).toEqual(seen.before);
      expect(seen.calls).toEqual([]);
      expect(h.sim.control.writes()).toEqual([]);
    },
  );

  test('an app id where a group id belongs is looked up once, not found, and changes nothing', async () => {
    const h = bot();
    const wizard = await wizardAt(h, 'target');

    const seen = await clickAndWatch(h, wizard, 'wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.apps.win32,
    });

    expect(seen.text).toContain('That group no longer exists in Entra ID; search again.');
    expect(seen.after).toEqual(seen.before);
    expect(seen.calls).toEqual([expect.stringContaining(`/groups/${WELL_KNOWN.apps.win32}`)]);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('a group id that is not a string asks for a group and changes nothing', async () => {
    const h = bot();
    const wizard = await wizardAt(h, 'target');

    const seen = await clickAndWatch(h, wizard, 'wizard.target', {
      targetType: 'group',
      groupId: { id: SALES },
    });

    expect(seen.text).toContain('Choose a group.');
    expect(seen.after).toEqual(seen.before);
    expect(seen.calls).toEqual([]);
  });
});

describe('an app id that is not a GUID', () => {
  const bot = useBot();

  test.each(NOT_GUIDS)(
    'is refused at the item step (%s): the wizard says so, the draft is unchanged and Graph is not asked',
    async (_label, itemId) => {
      const h = bot();
      const wizard = await wizardAt(h, 'item');

      const seen = await clickAndWatch(h, wizard, 'wizard.item', { itemId });

      expect(seen.text).toContain('That is not an app id; search for the app again.');
      expect(seen.text).toContain('Which app?');
      expect(seen.after).toEqual(seen.before);
      expect(seen.calls).toEqual([]);
      expect(h.sim.control.writes()).toEqual([]);
    },
  );

  test.each([
    ['a group', WELL_KNOWN.groups.sales],
    ['an app configuration policy', WELL_KNOWN.configPolicies.ios],
  ])(
    'the id of %s where an app id belongs is not found and changes nothing',
    async (_label, itemId) => {
      const h = bot();
      const wizard = await wizardAt(h, 'item');

      const seen = await clickAndWatch(h, wizard, 'wizard.item', { itemId });

      expect(seen.text).toContain('That app no longer exists in Intune; search again.');
      expect(seen.after).toEqual(seen.before);
      expect(h.sim.control.writes()).toEqual([]);
    },
  );

  test('an empty app id asks for a choice from the list and changes nothing', async () => {
    const h = bot();
    const wizard = await wizardAt(h, 'item');

    const seen = await clickAndWatch(h, wizard, 'wizard.item', { itemId: '   ' });

    expect(seen.text).toContain('Choose the app from the list.');
    expect(seen.after).toEqual(seen.before);
    expect(seen.calls).toEqual([]);
  });
});

describe('an assignment filter id that is not a GUID', () => {
  const bot = useBot();

  test.each([
    ['a path to the filter list', '../assignmentFilters'],
    ['a query', "assignmentFilters?$filter=platform eq 'windows10AndLater'"],
    ['a name', 'Corporate devices'],
  ])(
    'is refused at the intent step (%s) without asking Intune for it',
    async (_label, filterId) => {
      const h = bot();
      const wizard = await wizardAt(h, 'intent');

      const seen = await clickAndWatch(h, wizard, 'wizard.intent', {
        intent: 'required',
        filterId,
      });

      expect(seen.text).toContain('That is not an assignment filter id; choose the filter again.');
      expect(seen.text).toContain('How should it be assigned?');
      expect(seen.after).toEqual(seen.before);
      // The step shows the filter list again; nothing else is read.
      for (const call of seen.calls) {
        expect(call).toMatch(/^GET \/beta\/deviceManagement\/assignmentFilters(\?|$)/);
      }
      expect(h.sim.control.writes()).toEqual([]);
    },
  );

  test('a group id where a filter id belongs is not found and changes nothing', async () => {
    const h = bot();
    const wizard = await wizardAt(h, 'intent');

    const seen = await clickAndWatch(h, wizard, 'wizard.intent', {
      intent: 'required',
      filterId: SALES,
    });

    expect(seen.text).toContain('That assignment filter no longer exists in Intune.');
    expect(seen.after).toEqual(seen.before);
    expect(h.sim.control.writes()).toEqual([]);
  });
});
