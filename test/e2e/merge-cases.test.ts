import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { actionsOf, cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  currentCard,
  dmTexts,
  statusOf,
  submitRequest,
  threadReplies,
  threadsPosted,
  useBot,
} from '../support/e2e';
import { walkWizard, ZOOM_TO_SALES, type WalkChoice } from '../support/walk';
import { assignThrough } from '../support/assign-through';

const appAssignments = (h: ReturnType<ReturnType<typeof useBot>>, appId: string) =>
  structuredClone(h.sim.control.tenant().appAssignments.get(appId) ?? []);

const targetGroup = (a: GraphObject) => (a.target as { groupId?: string }).groupId;

describe('what a request changes in the existing assignments', () => {
  const bot = useBot();

  test('asking for "required" where the group already has "available" shows the change at review and writes it in place', async () => {
    const h = bot();
    const app = WELL_KNOWN.apps.iosStore;
    const pilot = WELL_KNOWN.groups.pilotUsers;
    const before = appAssignments(h, app);
    expect(before.map((a) => [targetGroup(a), a.intent])).toEqual([[pilot, 'available']]);

    const req = await submitRequest(h, {
      kind: 'app',
      itemId: app,
      target: { type: 'group', groupId: pilot },
      intent: 'required',
    });
    const change = '~ Intune Pilot Users: available -> required';
    expect(req.reviewText).toContain(change);
    expect(cardText(req.submittedCard)).toContain(change);
    expect(cardText(req.thread.rootCard)).toContain(change);

    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    const writes = appliedWrites(h);
    expect(writes).toHaveLength(1);
    const posted = (writes[0]!.body as { mobileAppAssignments: GraphObject[] })
      .mobileAppAssignments;
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      intent: 'required',
      target: { groupId: pilot },
      settings: { '@odata.type': '#microsoft.graph.iosStoreAppAssignmentSettings' },
    });
    expect(appAssignments(h, app).map((a) => [targetGroup(a), a.intent])).toEqual([
      [pilot, 'required'],
    ]);
    expect(threadReplies(h, req.thread)).toContainEqual(expect.stringContaining(change));
  });

  test('re-requesting an existing assignment shows "already assigned" at review and cannot be submitted', async () => {
    const h = bot();
    const choice: WalkChoice = {
      kind: 'app',
      itemId: WELL_KNOWN.apps.iosVpp,
      target: { type: 'group', groupId: WELL_KNOWN.groups.pilotUsers },
      intent: 'required',
    };
    const walked = await walkWizard(h, h.users.requester, choice);
    await h.settle();

    expect(walked.reviewText).toMatch(/already assigned/i);
    expect(cardText(walked.submittedCard)).toMatch(/already assigned that way.*nothing to request/);
    expect(actionsOf(walked.submittedCard).map((a) => a.verb)).not.toContain('request.cancel');
    const draft = await h.app.store.get(walked.draftId);
    expect(draft).toMatchObject({ status: 'draft' });
    expect(draft?.number).toBeUndefined();
    expect(threadsPosted(h)).toEqual([]);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('when someone else assigns the same thing before the approval, the request ends "assigned, nothing changed" with no write', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const result = await assignThrough(
      h.app.graph.intune,
      { kind: 'app', id: WELL_KNOWN.apps.win32 },
      {
        target: { kind: 'group', groupId: WELL_KNOWN.groups.sales, exclude: false },
        targetName: 'Sales',
        intent: 'required',
      },
      { justification: 'Done by hand in the Intune admin center.' },
    );
    expect(result.status).toBe('assigned');
    h.sim.control.clearWrites();

    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    expect(h.sim.control.writes()).toEqual([]);
    const stored = await h.app.store.get(req.requestId);
    expect(stored).toMatchObject({ status: 'assigned', outcome: { alreadyAssigned: true } });
    const nothingChanged = `${req.displayId}: Zoom Workplace was already assigned that way; nothing was changed in Intune.`;
    expect(threadReplies(h, req.thread)).toContain(nothingChanged);
    expect(dmTexts(h, h.users.requester)).toContain(`Your request ${nothingChanged}`);
    expect(cardText(currentCard(h, req.thread.rootId))).toContain(
      'Already assigned, nothing changed.',
    );
  });

  test('an excluded group goes through as an exclusion without settings', async () => {
    const h = bot();
    const app = WELL_KNOWN.apps.win32;
    const before = appAssignments(h, app);
    const req = await submitRequest(h, {
      ...ZOOM_TO_SALES,
      target: { type: 'group', groupId: WELL_KNOWN.groups.sales, exclude: true },
    });
    expect(req.reviewText).toMatch(/Sales/);

    await clickInThread(h, h.users.approver2, 'request.approve', req);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('assigned');
    const writes = appliedWrites(h);
    expect(writes).toHaveLength(1);
    const posted = (writes[0]!.body as { mobileAppAssignments: GraphObject[] })
      .mobileAppAssignments;
    expect(posted).toHaveLength(before.length + 1);
    const added = posted.find(
      (a) =>
        targetGroup(a) === WELL_KNOWN.groups.sales &&
        (a.target as Record<string, unknown>)['@odata.type'] ===
          '#microsoft.graph.exclusionGroupAssignmentTarget',
    );
    expect(added).toEqual({
      '@odata.type': '#microsoft.graph.mobileAppAssignment',
      intent: 'required',
      target: expect.objectContaining({ deviceAndAppManagementAssignmentFilterType: 'none' }),
      settings: null,
    });
    const stored = appAssignments(h, app).find((a) => targetGroup(a) === WELL_KNOWN.groups.sales);
    expect(stored).toMatchObject({
      target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget' },
      settings: null,
    });
  });
});
