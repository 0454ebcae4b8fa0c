import { WELL_KNOWN } from '../../src/simulator/seed';
import { KIOSK_FILTER_ID } from '../../src/simulator/seed/well-known';
import { allObjects } from '../cards/card-checks';
import { actionsOf, cardOf, cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  currentCard,
  dmTexts,
  personalChat,
  statusOf,
  threadReplies,
  useBot,
} from '../support/e2e';
import {
  appAssignments,
  approve,
  asPosted,
  postedOf,
  submitted,
  targetOf,
  wizardForApp,
} from '../support/target-list';
import { openWizard } from '../support/wizard-session';

const ZOOM = WELL_KNOWN.apps.win32;
const G = WELL_KNOWN.groups;
const JUSTIFICATION = { justification: 'Marketing moved to the web client.' };

describe('asking to remove an existing assignment', () => {
  const bot = useBot();

  test('removing an include with a filter writes the set without exactly that entry, every other kept verbatim', async () => {
    const h = bot();
    const before = appAssignments(h, ZOOM);
    const wizard = await wizardForApp(h, ZOOM);

    const target = await wizard.step('wizard.target', { targetType: 'group', groupId: G.sales });
    const offered = cardText(await wizard.step('wizard.back'));
    expect(cardText(target)).toContain('How should it be assigned?');
    expect(offered).toContain('Or remove an existing assignment');
    expect(offered).toContain('Marketing (required, filter: Windows - Corporate devices include)');
    expect(offered).toContain('Exclude Engineering (required)');
    expect(offered).toContain(
      'All devices (required, filter: Windows - Shared and kiosk devices exclude)',
    );

    await wizard.step('wizard.remove', { removeKey: `include:${G.marketing}` });
    const review = cardText(await wizard.step('wizard.justification', JUSTIFICATION));
    expect(review).toContain('- Marketing (required, filter: Windows - Corporate devices include)');
    expect(review).toContain('3 existing assignments are kept as they are.');
    expect(review).not.toContain(G.marketing);

    const req = await submitted(h, wizard);
    expect(cardText(req.thread.rootCard)).toContain('Remove');
    expect(cardText(req.thread.rootCard)).toContain('Include Marketing');
    expect(dmTexts(h, h.users.requester)).toContain(
      `You submitted ${req.displayId}: Zoom Workplace → remove Marketing. Waiting for an approver.`,
    );
    const writes = await approve(h, wizard, req.thread);

    expect(await statusOf(h, wizard.draftId)).toBe('assigned');
    expect(writes).toHaveLength(1);
    const others = before.filter((a) => targetOf(a) !== `groupAssignmentTarget:${G.marketing}`);
    expect(others).toHaveLength(3);
    expect(postedOf(writes[0]!)).toEqual(others.map(asPosted));
    expect(appAssignments(h, ZOOM)).toEqual(others);
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringContaining(`${req.displayId} is done: - Marketing`),
    );
  });

  test('removing an exclusion removes only the exclusion', async () => {
    const h = bot();
    const before = appAssignments(h, ZOOM);
    const wizard = await wizardForApp(h, ZOOM);
    await wizard.step('wizard.remove', { removeKey: `exclude:${G.engineering}` });
    const review = cardText(await wizard.step('wizard.justification', JUSTIFICATION));
    expect(review).toContain('- Exclude Engineering (required)');
    const req = await submitted(h, wizard);
    const writes = await approve(h, wizard, req.thread);

    expect(writes).toHaveLength(1);
    const others = before.filter(
      (a) => targetOf(a) !== `exclusionGroupAssignmentTarget:${G.engineering}`,
    );
    expect(postedOf(writes[0]!)).toEqual(others.map(asPosted));
    expect(appAssignments(h, ZOOM)).toEqual(others);
    expect(others.some((a) => JSON.stringify(a).includes(KIOSK_FILTER_ID))).toBe(true);
  });

  test('removing the last assignment says the app will have none, and then posts the empty set', async () => {
    const h = bot();
    const app = WELL_KNOWN.apps.iosVpp;
    expect(appAssignments(h, app)).toHaveLength(1);
    const wizard = await wizardForApp(h, app);
    await wizard.step('wizard.remove', { removeKey: `include:${G.pilotUsers}` });
    const review = cardText(await wizard.step('wizard.justification', JUSTIFICATION));
    expect(review).toContain('- Intune Pilot Users (required)');
    expect(review).toContain('After this change the app has no assignments.');

    const req = await submitted(h, wizard);
    expect(cardText(req.thread.rootCard)).toContain(
      'After this change the app has no assignments.',
    );
    const writes = await approve(h, wizard, req.thread);

    expect(await statusOf(h, wizard.draftId)).toBe('assigned');
    expect(writes).toHaveLength(1);
    expect(writes[0]!.body).toEqual({ mobileAppAssignments: [] });
    expect(appAssignments(h, app)).toEqual([]);
    expect(cardText(currentCard(h, req.thread.rootId))).toContain('Assigned');
  });

  test("removing an app configuration policy's only assignment posts its empty set on the cast path", async () => {
    const h = bot();
    const policy = WELL_KNOWN.configPolicies.ios;
    const wizard = await openWizard(h);
    await wizard.step('wizard.kind', { kind: 'configPolicy' });
    const target = cardText(await wizard.step('wizard.item', { itemId: policy }));
    expect(target).toContain('Sales');
    await wizard.step('wizard.remove', { removeKey: `include:${G.sales}` });
    const review = cardText(await wizard.step('wizard.justification', JUSTIFICATION));
    expect(review).toContain('- Sales');
    expect(review).toContain('After this change the policy has no assignments.');
    const req = await submitted(h, wizard);
    const writes = await approve(h, wizard, req.thread);

    expect(writes.map((w) => [w.path, w.body])).toEqual([
      [
        `/deviceAppManagement/mobileAppConfigurations/${policy}/microsoft.graph.managedDeviceMobileAppConfiguration/assign`,
        { assignments: [] },
      ],
    ]);
    expect(h.sim.control.tenant().configAssignments.get(policy) ?? []).toEqual([]);
    expect(await statusOf(h, wizard.draftId)).toBe('assigned');
  });

  test("removing a managed-app configuration policy's exclusion keeps its include verbatim", async () => {
    const h = bot();
    const policy = WELL_KNOWN.managedAppConfigs.outlook;
    const assignments = () =>
      structuredClone(h.sim.control.tenant().managedAppConfigAssignments.get(policy) ?? []);
    const before = assignments();
    const wizard = await openWizard(h);
    await wizard.step('wizard.kind', { kind: 'managedAppConfig' });
    const target = cardText(await wizard.step('wizard.item', { itemId: policy }));
    expect(target).toContain('Exclude Intune Pilot Users');
    await wizard.step('wizard.remove', { removeKey: `exclude:${G.pilotUsers}` });
    const review = cardText(await wizard.step('wizard.justification', JUSTIFICATION));
    expect(review).toContain('- Exclude Intune Pilot Users');
    expect(review).toContain('1 existing assignment is kept as it is.');
    const req = await submitted(h, wizard);
    const writes = await approve(h, wizard, req.thread);

    const kept = before.filter((a) => targetOf(a) === `groupAssignmentTarget:${G.sales}`);
    expect(kept).toHaveLength(1);
    expect(writes.map((w) => [w.path, w.body])).toEqual([
      [
        `/deviceAppManagement/targetedManagedAppConfigurations/${policy}/assign`,
        { assignments: kept.map(asPosted) },
      ],
    ]);
    expect(assignments()).toEqual(kept);
  });

  test('an assignment removed in Intune before the approval ends as already done, with no write', async () => {
    const h = bot();
    const wizard = await wizardForApp(h, ZOOM);
    await wizard.step('wizard.remove', { removeKey: `exclude:${G.engineering}` });
    await wizard.step('wizard.justification', JUSTIFICATION);
    const req = await submitted(h, wizard);
    const tenant = h.sim.control.tenant().appAssignments;
    const meanwhile = appAssignments(h, ZOOM).filter(
      (a) => targetOf(a) !== `exclusionGroupAssignmentTarget:${G.engineering}`,
    );
    tenant.set(ZOOM, structuredClone(meanwhile));

    const writes = await approve(h, wizard, req.thread);

    expect(writes).toEqual([]);
    expect(appAssignments(h, ZOOM)).toEqual(meanwhile);
    expect(await h.app.store.get(wizard.draftId)).toMatchObject({
      status: 'assigned',
      outcome: { alreadyAssigned: true },
    });
    expect(threadReplies(h, req.thread)).toContain(
      `${req.displayId}: Zoom Workplace was already as requested (nothing left to remove or add); nothing was changed in Intune.`,
    );
  });

  test('a removal that would now empty the item, which its review did not say, fails without writing', async () => {
    const h = bot();
    const wizard = await wizardForApp(h, ZOOM);
    await wizard.step('wizard.remove', { removeKey: `exclude:${G.engineering}` });
    const review = cardText(await wizard.step('wizard.justification', JUSTIFICATION));
    expect(review).toContain('3 existing assignments are kept as they are.');
    const req = await submitted(h, wizard);
    const onlyEngineering = appAssignments(h, ZOOM).filter(
      (a) => targetOf(a) === `exclusionGroupAssignmentTarget:${G.engineering}`,
    );
    h.sim.control.tenant().appAssignments.set(ZOOM, structuredClone(onlyEngineering));

    const writes = await approve(h, wizard, req.thread);

    expect(writes).toEqual([]);
    expect(appAssignments(h, ZOOM)).toEqual(onlyEngineering);
    expect(await statusOf(h, wizard.draftId)).toBe('failed');
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringContaining('After this change the item would now have no assignments'),
    );
    expect(cardText(currentCard(h, req.thread.rootId))).toContain(
      'After this change the app has no assignments.',
    );

    await clickInThread(h, h.users.approver2, 'request.retry', {
      requestId: wizard.draftId,
      thread: req.thread,
    });
    await h.settle();
    expect(appliedWrites(h).map((w) => w.body)).toEqual([{ mobileAppAssignments: [] }]);
    expect(await statusOf(h, wizard.draftId)).toBe('assigned');
  });

  test('a forged or stale removal gets a clear answer on the wizard and changes nothing', async () => {
    const h = bot();
    const wizard = await wizardForApp(h, ZOOM);
    const before = await h.app.store.get(wizard.draftId);

    const forged = cardText(await wizard.step('wizard.remove', { removeKey: '../../x' }));
    expect(forged).toContain('That is not an assignment of this item; choose one from the list.');
    const absent = cardText(
      await wizard.step('wizard.remove', { removeKey: `include:${G.sales}` }),
    );
    expect(absent).toContain('That assignment is no longer on Zoom Workplace; choose one again.');
    const empty = cardText(await wizard.step('wizard.remove', { removeKey: '' }));
    expect(empty).toContain('Choose the assignment to remove.');

    expect(await h.app.store.get(wizard.draftId)).toEqual(before);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('in Web Chat (Action.Submit) the removal picker works the same, its value taken from the card', async () => {
    const h = bot();
    const me = h.users.requester;
    await h.teams.sayIn(me, 'assign');
    const first = h.connector.calls.find((c) => c.conversationId === personalChat(me) && cardOf(c));
    const replyToId = first!.answeredId!;
    const requestId = String(
      actionsOf(cardOf(first)).find((a) => a.verb === 'wizard.kind')?.data?.requestId,
    );
    const step = async (verb: string, inputs: Record<string, unknown> = {}) => {
      const before = h.connector.calls.length;
      await h.teams.submit(me, { verb, requestId, ...inputs }, { replyToId });
      return cardOf(h.connector.calls.slice(before).find((c) => c.kind === 'update'))!;
    };
    await step('wizard.kind', { kind: 'app' });
    const target = await step('wizard.item', { itemId: ZOOM });
    const picker = allObjects(target).find((o) => o.id === 'removeKey');
    const choices = (picker?.choices ?? []) as { title: string; value: string }[];
    const engineering = choices.find((c) => c.title === 'Exclude Engineering (required)');
    expect(engineering).toBeDefined();
    expect(actionsOf(target).find((a) => a.title === 'Remove this assignment')?.data).toEqual({
      verb: 'wizard.remove',
      requestId,
    });

    await step('wizard.remove', { removeKey: engineering!.value });
    const review = cardText(await step('wizard.justification', JUSTIFICATION));
    expect(review).toContain('- Exclude Engineering (required)');
  });

  test('a request of removals only goes back from the justification to the target step', async () => {
    const h = bot();
    const wizard = await wizardForApp(h, ZOOM);
    await wizard.step('wizard.remove', { removeKey: 'allUsers' });
    const back = await wizard.step('wizard.back');
    expect(cardText(back)).toContain('Who should get it?');
    const verbs = actionsOf(back).map((a) => a.verb);
    expect(verbs).toContain('wizard.target');
  });
});
