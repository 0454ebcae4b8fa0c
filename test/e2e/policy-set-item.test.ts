import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardText } from '../support/bot-harness';
import { useBot } from '../support/e2e';
import { wizardAt } from '../support/wizard-session';

describe('an app whose assignments come from a policy set', () => {
  const bot = useBot();

  test('is refused when I choose it, with the reason, and the wizard stays at the item step', async () => {
    const h = bot();
    const wizard = await wizardAt(h, 'item');
    const before = await h.app.store.get(wizard.draftId);

    const card = await wizard.step('wizard.item', { itemId: WELL_KNOWN.apps.policySet });
    await h.settle();

    expect(cardText(card)).toContain(
      "This app's assignments come from a policy set (Intune Pilot Users); change them in Intune.",
    );
    expect(cardText(card)).toContain('Which app?');
    expect(actionsOf(card).map((a) => a.verb)).toContain('wizard.item');
    expect(await h.app.store.get(wizard.draftId)).toEqual(before);
    expect(h.sim.control.writes()).toEqual([]);

    const other = await wizard.step('wizard.item', { itemId: WELL_KNOWN.apps.win32Unassigned });
    expect(cardText(other)).toContain('Who should get it?');
  });
});
