import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardText } from '../support/bot-harness';
import {
  clickInThread,
  dmTexts,
  eventually,
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
import type { WizardSession } from '../support/wizard-session';

const G = WELL_KNOWN.groups;
const NOTEPAD = WELL_KNOWN.apps.win32Unassigned;
const ZOOM = WELL_KNOWN.apps.win32;
const WHY = { justification: 'The spring rollout covers three teams.' };

/** At the target step: chooses a group and an intent, and comes back with the review card. */
async function addGroup(
  wizard: WizardSession,
  groupId: string,
  options: { exclude?: boolean; intent?: string } = {},
): Promise<Record<string, unknown>> {
  const mode = options.exclude ? 'exclude' : 'include';
  await wizard.step('wizard.target', { targetType: 'group', groupId, mode });
  await wizard.step('wizard.intent', { intent: options.intent ?? 'required', filterId: 'none' });
  return wizard.step('wizard.justification', WHY);
}

describe('one request with several targets', () => {
  const bot = useBot();

  test('include Sales and Marketing and exclude Engineering: one review, one approval, one write', async () => {
    const h = bot();
    const wizard = await wizardForApp(h, NOTEPAD);
    await addGroup(wizard, G.sales);
    await wizard.step('wizard.addTarget');
    await addGroup(wizard, G.marketing);
    const again = await wizard.step('wizard.addTarget');
    expect(cardText(again)).toContain('Who should get it?');
    const review = cardText(await addGroup(wizard, G.engineering, { exclude: true }));
    for (const line of [
      '+ Sales (required)',
      '+ Marketing (required)',
      '+ Exclude Engineering (required)',
    ]) {
      expect(review).toContain(line);
    }

    const req = await submitted(h, wizard);
    const root = cardText(req.thread.rootCard);
    for (const fact of [
      'Include Sales · Required',
      'Include Marketing · Required',
      'Exclude Engineering · Required',
    ]) {
      expect(root).toContain(fact);
    }
    expect(dmTexts(h, h.users.requester)).toContain(
      `You submitted ${req.displayId}: Notepad++ → Sales, Marketing, Exclude Engineering. Waiting for an approver.`,
    );
    const writes = await approve(h, wizard, req.thread);

    expect(await statusOf(h, wizard.draftId)).toBe('assigned');
    expect(writes).toHaveLength(1);
    expect(postedOf(writes[0]!).map((a) => targetOf(a))).toEqual([
      `groupAssignmentTarget:${G.sales}`,
      `groupAssignmentTarget:${G.marketing}`,
      `exclusionGroupAssignmentTarget:${G.engineering}`,
    ]);
    expect(appAssignments(h, NOTEPAD).map(targetOf).sort()).toEqual(
      [
        `groupAssignmentTarget:${G.sales}`,
        `groupAssignmentTarget:${G.marketing}`,
        `exclusionGroupAssignmentTarget:${G.engineering}`,
      ].sort(),
    );
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringContaining(
        '+ Sales (required); + Marketing (required); + Exclude Engineering (required)',
      ),
    );
  });

  test('remove one and add two: the diff shows each line and the kept count, and others stay verbatim', async () => {
    const h = bot();
    const before = appAssignments(h, ZOOM);
    const wizard = await wizardForApp(h, ZOOM);
    await addGroup(wizard, G.sales);
    await wizard.step('wizard.addTarget');
    await addGroup(wizard, G.pilotUsers, { intent: 'available' });
    await wizard.step('wizard.remove', { removeKey: 'allUsers' });
    const review = cardText(await wizard.step('wizard.justification', WHY));
    for (const line of [
      '- All users (available)',
      '+ Sales (required)',
      '+ Intune Pilot Users (available)',
      '3 existing assignments are kept as they are.',
    ]) {
      expect(review).toContain(line);
    }

    const req = await submitted(h, wizard);
    expect(dmTexts(h, h.users.requester)).toContain(
      `You submitted ${req.displayId}: Zoom Workplace → Sales, remove All users, Intune Pilot Users. Waiting for an approver.`,
    );
    const writes = await approve(h, wizard, req.thread);

    expect(writes).toHaveLength(1);
    const others = before.filter((a) => targetOf(a) !== 'allLicensedUsersAssignmentTarget');
    const posted = postedOf(writes[0]!);
    expect(posted.slice(0, 3)).toEqual(others.map(asPosted));
    expect(posted.slice(3).map((a) => targetOf(a))).toEqual([
      `groupAssignmentTarget:${G.sales}`,
      `groupAssignmentTarget:${G.pilotUsers}`,
    ]);
    const after = appAssignments(h, ZOOM);
    expect(after.slice(0, 3)).toEqual(others);
    expect(after).toHaveLength(5);
  });

  test('a removal and an add held by Intune Multi Admin Approval are replayed as the one identical write', async () => {
    const h = bot();
    h.sim.control.settings({ multiAdminApproval: true });
    const before = appAssignments(h, ZOOM);
    const wizard = await wizardForApp(h, ZOOM);
    await addGroup(wizard, G.sales);
    await wizard.step('wizard.remove', { removeKey: `exclude:${G.engineering}` });
    await wizard.step('wizard.justification', WHY);
    const req = await submitted(h, wizard);

    await clickInThread(h, h.users.approver1, 'request.approve', {
      requestId: wizard.draftId,
      thread: req.thread,
    });
    await eventually(
      async () => (await statusOf(h, wizard.draftId)) === 'awaiting-intune-approval',
      'the write to be held',
    );
    const code = String((await h.app.store.get(wizard.draftId))?.outcome?.approvalCode);
    expect(appAssignments(h, ZOOM)).toEqual(before);
    h.sim.control.decideApproval(code, 'approve');
    await eventually(async () => (await statusOf(h, wizard.draftId)) === 'assigned', 'the replay');
    await h.settle();

    const [held, replayed] = h.sim.control.writes();
    expect(replayed?.body).toEqual(held?.body);
    expect(replayed?.headers['x-msft-approval-code']).toBe(code);
    const others = before.filter(
      (a) => targetOf(a) !== `exclusionGroupAssignmentTarget:${G.engineering}`,
    );
    const after = appAssignments(h, ZOOM);
    expect(after.slice(0, 3)).toEqual(others);
    expect(after.map(targetOf)).toEqual([
      ...others.map(targetOf),
      `groupAssignmentTarget:${G.sales}`,
    ]);
  });

  test('the same group twice, or included and excluded, is refused at the wizard and changes nothing', async () => {
    const h = bot();
    const wizard = await wizardForApp(h, NOTEPAD);
    await addGroup(wizard, G.sales);
    await wizard.step('wizard.addTarget');
    const before = await h.app.store.get(wizard.draftId);

    const excluded = cardText(
      await wizard.step('wizard.target', {
        targetType: 'group',
        groupId: G.sales,
        mode: 'exclude',
      }),
    );
    expect(excluded).toContain(
      'This request already has Sales and Exclude Sales: an include and an exclusion of the same group conflict. Choose another group.',
    );
    const twice = cardText(
      await wizard.step('wizard.target', {
        targetType: 'group',
        groupId: G.sales,
        mode: 'include',
      }),
    );
    expect(twice).toContain(
      'This request already has Sales; each target appears once in a request.',
    );
    expect(await h.app.store.get(wizard.draftId)).toEqual(before);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('removing an assignment the request already changes is refused with a clear message', async () => {
    const h = bot();
    const wizard = await wizardForApp(h, ZOOM);
    await addGroup(wizard, G.marketing, { intent: 'available' });
    const before = await h.app.store.get(wizard.draftId);
    const card = cardText(
      await wizard.step('wizard.remove', { removeKey: `include:${G.marketing}` }),
    );
    expect(card).toContain(
      'This request already has Marketing; each target appears once in a request.',
    );
    expect(await h.app.store.get(wizard.draftId)).toEqual(before);
  });

  test('a request holds at most ten targets, written in one go', async () => {
    const h = bot();
    const groups = h.sim.control
      .tenant()
      .groups.filter((g) => g.securityEnabled === true && g.mailEnabled !== true)
      .map((g) => g.id)
      .slice(0, 10);
    expect(groups).toHaveLength(10);
    const wizard = await wizardForApp(h, NOTEPAD);
    let review: Record<string, unknown> = {};
    for (const [i, groupId] of groups.entries()) {
      if (i > 0) await wizard.step('wizard.addTarget');
      review = await addGroup(wizard, groupId);
    }
    const verbs = actionsOf(review).map((a) => a.verb);
    expect(verbs).not.toContain('wizard.addTarget');
    expect(verbs).toContain('wizard.submit');
    const before = await h.app.store.get(wizard.draftId);
    const forged = cardText(await wizard.step('wizard.addTarget'));
    expect(forged).toContain(
      'A request holds at most 10 targets. Submit this one and start another request for the rest.',
    );
    expect(await h.app.store.get(wizard.draftId)).toEqual(before);

    const req = await submitted(h, wizard);
    const writes = await approve(h, wizard, req.thread);
    expect(writes).toHaveLength(1);
    expect(postedOf(writes[0]!)).toHaveLength(10);
    expect(appAssignments(h, NOTEPAD)).toHaveLength(10);
  });
});
