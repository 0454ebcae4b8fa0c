import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardText } from '../support/bot-harness';
import { threadsPosted, useBot } from '../support/e2e';
import { openWizard } from '../support/wizard-session';

describe('a request for an assignment that is already in place', () => {
  const bot = useBot();

  test('reaches a review with no Submit that says there is nothing to request; a forged Submit is refused', async () => {
    const h = bot();
    const wizard = await openWizard(h);
    await wizard.step('wizard.kind', { kind: 'app' });
    await wizard.step('wizard.item', { itemId: WELL_KNOWN.apps.iosVpp });
    await wizard.step('wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.groups.pilotUsers,
    });
    await wizard.step('wizard.intent', { intent: 'required', filterId: 'none' });

    const review = await wizard.step('wizard.justification', { justification: 'Pilot needs it.' });

    expect(cardText(review)).toContain('is already assigned');
    expect(cardText(review)).toContain(
      'This is already assigned that way, so there is nothing to request.',
    );
    expect(cardText(review)).not.toMatch(/approving changes nothing/i);
    expect(actionsOf(review).map((a) => a.verb)).toEqual(['wizard.back', 'wizard.discard']);

    const draft = await h.app.store.get(wizard.draftId);
    const forged = await wizard.step('wizard.submit');
    await h.settle();

    expect(cardText(forged)).toMatch(/already assigned that way .*there is nothing to request/);
    expect(actionsOf(forged).map((a) => a.verb)).not.toContain('wizard.submit');
    expect(await h.app.store.get(wizard.draftId)).toEqual(draft);
    expect(threadsPosted(h)).toEqual([]);
    expect(h.sim.control.writes()).toEqual([]);
  });
});
