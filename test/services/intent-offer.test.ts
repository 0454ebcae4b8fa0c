import { intentOffer } from '../../src/services/intent-offer';
import { MemoryIntune } from '../../src/services/memory-intune';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { PEOPLE, refusal, useWorld, value } from './support';

const SALES = WELL_KNOWN.groups.sales;

describe('what the intent step offers, and what it accepts', () => {
  const t = useWorld();

  async function draftAtIntent(itemId: string, exclude = false) {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const draft = value(await wizard.startDraft(who));
    value(await wizard.chooseKind(draft.id, who, 'app'));
    value(await wizard.chooseItem(draft.id, who, itemId));
    return value(
      await wizard.chooseTarget(draft.id, who, { type: 'group', groupId: SALES, exclude }),
    );
  }

  test('a Windows app is offered its intents and only the Windows filters', async () => {
    const draft = await draftAtIntent(WELL_KNOWN.apps.win32Unassigned);
    const offer = await intentOffer(t.h.graph.intune, draft);
    expect(offer.intents).toEqual(['required', 'available', 'uninstall']);
    expect(offer.filters.length).toBeGreaterThan(0);
    expect(offer.filters.every((f) => /^windows/i.test(f.platform))).toBe(true);
    expect(offer.filters.map((f) => f.id)).toContain(WELL_KNOWN.filters.windowsCorporate);
  });

  test('an exclusion is offered no filter', async () => {
    const draft = await draftAtIntent(WELL_KNOWN.apps.win32Unassigned, true);
    expect((await intentOffer(t.h.graph.intune, draft)).filters).toEqual([]);
  });

  test('a filter of another platform than the app is refused and the draft stays at the intent step', async () => {
    const draft = await draftAtIntent(WELL_KNOWN.apps.win32Unassigned);
    const answer = await t.world.services.wizard.chooseIntent(draft.id, PEOPLE.requester, {
      intent: 'required',
      filterId: WELL_KNOWN.filters.iosCorporate,
    });
    expect(refusal(answer)).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/is a filter for iOS, not for Notepad\+\+/),
    });
    expect((await t.world.store.get(draft.id))?.draft?.step).toBe('intent');
  });

  test('with a port that writes v1.0, no filter is offered, even one the port could list', async () => {
    const draft = await draftAtIntent(WELL_KNOWN.apps.win32Unassigned);
    const beta = new MemoryIntune({
      filters: [
        { id: WELL_KNOWN.filters.windowsCorporate, name: 'Corp', platform: 'windows10', rule: '' },
      ],
    });
    expect((await intentOffer(beta, draft)).filters).toHaveLength(1);
    let reads = 0;
    const v1 = new Proxy(beta, {
      get(target, key, receiver) {
        if (key === 'version') return 'v1.0';
        if (key === 'listAssignmentFilters') reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(await intentOffer(v1, draft)).toEqual({
      intents: ['required', 'available', 'uninstall'],
      filters: [],
    });
    expect(reads).toBe(0);
  });
});
