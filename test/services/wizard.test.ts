import { WELL_KNOWN } from '../../src/simulator/seed';
import {
  appliedWrites,
  createWorld,
  groupName,
  PEOPLE,
  refusal,
  SETTINGS,
  submitRequest,
  useWorld,
  value,
  walkToReview,
} from './support';

const SALES = WELL_KNOWN.groups.sales;
const NOTEPAD = WELL_KNOWN.apps.win32Unassigned;
const ZOOM = WELL_KNOWN.apps.win32;

describe('the request wizard', () => {
  const t = useWorld();
  let sales: string;
  beforeAll(() => {
    sales = groupName(t.h, SALES);
  });

  test('a requester walks every step to a review showing the new assignment', async () => {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const draft = value(await wizard.startDraft(who));
    expect(draft).toMatchObject({ status: 'draft', revision: 1, draft: { step: 'kind' } });
    expect(draft.requester).toEqual({ id: who.id, name: 'Megan Bowen' });

    const kind = value(await wizard.chooseKind(draft.id, who, 'app'));
    expect(kind.draft).toEqual({ step: 'item', kind: 'app' });
    const item = value(await wizard.chooseItem(draft.id, who, NOTEPAD));
    expect(item.item).toMatchObject({
      kind: 'app',
      id: NOTEPAD,
      name: 'Notepad++',
      type: 'win32LobApp',
    });
    expect(item.draft?.step).toBe('target');
    const target = value(
      await wizard.chooseTarget(draft.id, who, { type: 'group', groupId: SALES }),
    );
    expect(target).toMatchObject({ targetName: sales, draft: { step: 'intent' } });
    expect(target.target).toEqual({ kind: 'group', groupId: SALES, exclude: false });
    const filterId = WELL_KNOWN.filters.windowsCorporate;
    const intent = value(
      await wizard.chooseIntent(draft.id, who, { intent: 'required', filterId }),
    );
    expect(intent.filter).toMatchObject({ id: filterId, mode: 'include' });
    const review = value(await wizard.setJustification(draft.id, who, '  New hires in Sales  '));

    expect(review.justification).toBe('New hires in Sales');
    expect(review.draft.step).toBe('review');
    expect(review.diff).toEqual([
      { kind: 'add', text: `+ ${sales} (required, filter: ${intent.filter?.name} include)` },
    ]);
    expect(t.h.sim.control.writes()).toHaveLength(0);
  });

  test('submitting gives the request its number and expiry and posts it for approval after the answer', async () => {
    const reviewed = await walkToReview(t.world, notepadForSales());

    const submitted = value(await t.world.services.wizard.submit(reviewed.id, PEOPLE.requester));
    await t.world.tasks.idle();

    expect(submitted).toMatchObject({
      status: 'pending',
      number: 1001,
      submittedAt: '2026-03-02T09:00:00.000Z',
    });
    expect(t.world.notifier.story(submitted.id)).toEqual(['submitted']);
    const again = await t.world.services.wizard.submit(reviewed.id, PEOPLE.requester);
    expect(refusal(again)).toMatchObject({ code: 'invalid-state' });
    expect(refusal(again).message).toMatch(/^REQ-1001 is waiting for approval/);
  });

  test('changing the intent of an included group shows the change in the review', async () => {
    const marketing = groupName(t.h, WELL_KNOWN.groups.marketing);
    const review = await walkToReview(t.world, {
      itemId: ZOOM,
      target: { type: 'group', groupId: WELL_KNOWN.groups.marketing },
      intent: { intent: 'available', filterId: WELL_KNOWN.filters.windowsCorporate },
    });

    expect(review.diff).toEqual([
      { kind: 'change', text: `~ ${marketing}: required -> available` },
    ]);
  });

  test('a request that is already assigned reaches the review saying so, and cannot be submitted', async () => {
    const review = await walkToReview(t.world, {
      itemId: ZOOM,
      target: { type: 'allUsers' },
      intent: { intent: 'available' },
    });
    expect(review.diff).toEqual([
      { kind: 'unchanged', text: '= All users (available) is already assigned' },
    ]);

    const result = await t.world.services.wizard.submit(review.id, PEOPLE.requester);

    expect(refusal(result).code).toBe('invalid-request');
    expect(refusal(result).message).toMatch(/already assigned/);
    expect((await t.world.store.get(review.id))?.status).toBe('draft');
  });

  test('an exclusion of a group is reviewed and assigned as an exclusion', async () => {
    const pending = await submitRequest(t.world, {
      itemId: NOTEPAD,
      target: { type: 'group', groupId: SALES, exclude: true },
      intent: { intent: 'required' },
    });
    expect(pending.diff?.map((d) => d.text)).toEqual([`+ Exclude ${sales} (required)`]);

    value(await t.world.services.decisions.approve(pending.id, PEOPLE.approver));
    await t.world.tasks.idle();

    const body = appliedWrites(t.h)[0]?.body as { mobileAppAssignments: { target: object }[] };
    expect(body.mobileAppAssignments).toEqual([
      expect.objectContaining({
        target: expect.objectContaining({
          '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
          groupId: SALES,
        }),
      }),
    ]);
  });

  test('an app assigned through a policy set is refused when it is chosen, naming the group, with the draft kept at the item step', async () => {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const draft = value(await wizard.startDraft(who));
    const atItem = value(await wizard.chooseKind(draft.id, who, 'app'));

    const result = await wizard.chooseItem(draft.id, who, WELL_KNOWN.apps.policySet);

    expect(refusal(result).code).toBe('policy-set');
    const pilot = groupName(t.h, WELL_KNOWN.groups.pilotUsers);
    expect(refusal(result).message).toBe(
      `This app's assignments come from a policy set (${pilot}); change them in Intune. ` +
        'Re-posting assignments that come from a policy set has undocumented effects, so the bot does not write them.',
    );
    expect(result.ok || result.request).toEqual(atItem);
    expect(await t.world.store.get(draft.id)).toEqual(atItem);
  });

  test('a policy-set assignment that appears after the item was chosen is refused at the justification, with the draft kept there', async () => {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const draft = value(await wizard.startDraft(who));
    value(await wizard.chooseKind(draft.id, who, 'app'));
    value(await wizard.chooseItem(draft.id, who, NOTEPAD));
    const tenant = t.h.sim.control.tenant();
    const fromSet = tenant.appAssignments.get(WELL_KNOWN.apps.policySet)?.[0];
    tenant.appAssignments.set(NOTEPAD, [{ ...fromSet, id: 'from-a-policy-set' }]);
    value(await wizard.chooseTarget(draft.id, who, { type: 'group', groupId: SALES }));
    value(await wizard.chooseIntent(draft.id, who, { intent: 'required' }));

    const result = await wizard.setJustification(draft.id, who, 'Sales needs PDFs');

    expect(refusal(result).code).toBe('policy-set');
    expect(refusal(result).message).toMatch(/policy set.*change them in Intune/);
    expect(result.ok || result.request).toMatchObject({
      justification: 'Sales needs PDFs',
      draft: { step: 'justification' },
    });
    expect(refusal(await wizard.submit(draft.id, who)).message).toBe(
      'Choose the justification first.',
    );
  });

  test('an unknown item is not found and an unpublished app cannot be chosen', async () => {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const draft = value(await wizard.startDraft(who));
    value(await wizard.chooseKind(draft.id, who, 'app'));

    const unknown = await wizard.chooseItem(draft.id, who, '00000000-0000-0000-0000-000000000000');
    const unpublished = await wizard.chooseItem(draft.id, who, WELL_KNOWN.apps.unpublished);

    expect(refusal(unknown).code).toBe('not-found');
    expect(refusal(unpublished).code).toBe('not-published');
    expect(unpublished.ok || unpublished.request?.draft?.step).toBe('item');
  });

  test('targets and intents Intune does not accept are refused at their step', async () => {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const draft = value(await wizard.startDraft(who));
    value(await wizard.chooseKind(draft.id, who, 'app'));
    value(await wizard.chooseItem(draft.id, who, NOTEPAD));

    const excludeAll = await wizard.chooseTarget(draft.id, who, {
      type: 'allUsers',
      exclude: true,
    });
    expect(refusal(excludeAll).message).toMatch(/excludes groups only/);
    const gone = await wizard.chooseTarget(draft.id, who, {
      type: 'group',
      groupId: '11111111-1111-1111-1111-111111111111',
    });
    expect(refusal(gone).code).toBe('not-found');

    value(await wizard.chooseTarget(draft.id, who, { type: 'allDevices' }));
    const available = await wizard.chooseIntent(draft.id, who, { intent: 'available' });
    expect(refusal(available).message).toMatch(/choose one of: required, uninstall/);

    value(await wizard.back(draft.id, who));
    value(
      await wizard.chooseTarget(draft.id, who, { type: 'group', groupId: SALES, exclude: true }),
    );
    const filtered = await wizard.chooseIntent(draft.id, who, {
      intent: 'required',
      filterId: WELL_KNOWN.filters.windowsCorporate,
    });
    expect(refusal(filtered).message).toMatch(/filters to exclusions/);
    const noFilter = await wizard.chooseIntent(draft.id, who, {
      intent: 'required',
      filterId: '22222222-2222-2222-2222-222222222222',
    });
    expect(refusal(noFilter).code).toBe('invalid-request');
  });

  test('a justification is required and limited in length', async () => {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const draft = value(await wizard.startDraft(who));
    value(await wizard.chooseKind(draft.id, who, 'app'));
    value(await wizard.chooseItem(draft.id, who, NOTEPAD));
    value(await wizard.chooseTarget(draft.id, who, { type: 'group', groupId: SALES }));
    value(await wizard.chooseIntent(draft.id, who, { intent: 'required' }));

    expect(refusal(await wizard.setJustification(draft.id, who, '   ')).code).toBe(
      'invalid-request',
    );
    const long = 'x'.repeat(SETTINGS.justificationMaxLength + 1);
    expect(refusal(await wizard.setJustification(draft.id, who, long)).message).toMatch(
      /keep it to 200/,
    );
    expect((await t.world.store.get(draft.id))?.draft?.step).toBe('justification');
  });

  test('back goes one step back, and a different earlier choice clears the later ones', async () => {
    const wizard = t.world.services.wizard;
    const who = PEOPLE.requester;
    const review = await walkToReview(t.world, notepadForSales());

    const back = value(await wizard.back(review.id, who));
    expect(back).toMatchObject({ draft: { step: 'justification' }, intent: 'required' });
    expect(back.diff).toBeUndefined();

    const sameItem = value(await wizard.chooseItem(review.id, who, NOTEPAD));
    expect(sameItem).toMatchObject({
      targetName: sales,
      intent: 'required',
      draft: { step: 'target' },
    });
    const otherItem = value(await wizard.chooseItem(review.id, who, WELL_KNOWN.apps.iosStore));
    expect(otherItem).toMatchObject({
      draft: { step: 'target' },
      justification: review.justification,
    });
    expect(otherItem.target).toBeUndefined();
    expect(otherItem.intent).toBeUndefined();
    const skipped = await wizard.setJustification(review.id, who, 'Skip ahead');
    expect(refusal(skipped)).toMatchObject({
      code: 'invalid-state',
      message: 'Choose the target first.',
    });
  });

  test('only the requester may touch a draft, and a discarded draft is closed', async () => {
    const wizard = t.world.services.wizard;
    const draft = value(await wizard.startDraft(PEOPLE.requester));

    const stranger = await wizard.chooseKind(draft.id, PEOPLE.approver, 'app');
    expect(refusal(stranger).code).toBe('not-requester');
    const discarded = value(await wizard.discard(draft.id, PEOPLE.requester));
    expect(discarded.status).toBe('cancelled');
    const late = await wizard.chooseKind(draft.id, PEOPLE.requester, 'app');
    expect(refusal(late).code).toBe('invalid-state');
    expect(refusal(await wizard.back('missing', PEOPLE.requester)).code).toBe('unknown-request');
  });

  test('an actor from another tenant cannot start a request', async () => {
    const foreign = { ...PEOPLE.requester, tenantId: '00000000-0000-0000-0000-0000000000ff' };
    expect(refusal(await t.world.services.wizard.startDraft(foreign)).code).toBe('foreign-tenant');
  });

  test('with a requesters group only its members may start a request', async () => {
    const { wizard } = createWorld(t.h, {
      requesterGroupId: WELL_KNOWN.groups.requesters,
    }).services;

    expect(value(await wizard.startDraft(PEOPLE.requester)).status).toBe('draft');
    expect(refusal(await wizard.startDraft(PEOPLE.outsider)).code).toBe('requester-not-allowed');
  });

  test('the item and group searches answer from the catalog and the directory', async () => {
    const apps = value(await t.world.services.wizard.searchItems('app', 'Notepad', 5));
    expect(apps[0]).toMatchObject({ kind: 'app', id: NOTEPAD, publisher: expect.any(String) });
    const policies = value(await t.world.services.wizard.searchItems('configPolicy', 'Outlook', 5));
    expect(policies.map((p) => p.id)).toContain(WELL_KNOWN.configPolicies.ios);
    const groups = value(await t.world.services.wizard.searchGroups(sales, 5));
    expect(groups.map((g) => g.id)).toContain(SALES);
  });
});

function notepadForSales() {
  return {
    itemId: NOTEPAD,
    target: { type: 'group' as const, groupId: SALES },
    intent: { intent: 'required' as const },
  };
}
