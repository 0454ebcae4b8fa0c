import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { actionsOf, cardOf, cardText, type BotHarness } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  currentCard,
  dmTexts,
  eventually,
  personalChat,
  statusOf,
  submitRequest,
  threadOf,
  threadReplies,
  useBot,
} from '../support/e2e';
import { invokeCard, walkWizard, type WalkChoice } from '../support/walk';

const OUTLOOK = WELL_KNOWN.managedAppConfigs.outlook;
const EDGE = WELL_KNOWN.managedAppConfigs.edge;
const ASSIGN_PATH = `/deviceAppManagement/targetedManagedAppConfigurations/${OUTLOOK}/assign`;

const outlookTo = (target: WalkChoice['target']): WalkChoice => ({
  kind: 'managedAppConfig',
  itemId: OUTLOOK,
  target,
});

const withoutReadOnly = (a: GraphObject) =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !['id', 'source', 'sourceId'].includes(k)));

const assignmentsOf = (h: BotHarness, id: string) =>
  h.sim.control.tenant().managedAppConfigAssignments.get(id) ?? [];

/** Starts the wizard in Teams as the requester; returns a function that clicks a step's button. */
async function startWizard(h: BotHarness) {
  const before = h.connector.calls.length;
  await h.teams.say(h.users.requester, 'assign');
  const wizard = h.connector.calls
    .slice(before)
    .find((c) => (c.kind === 'send' || c.kind === 'reply') && cardOf(c));
  const kindAction = actionsOf(cardOf(wizard)).find((a) => a.verb === 'wizard.kind');
  const requestId = String(kindAction?.data?.requestId);
  return async (verb: string, data: Record<string, unknown> = {}) =>
    invokeCard(
      await h.teams.execute(
        h.users.requester,
        verb,
        { requestId, ...data },
        { replyToId: wizard?.answeredId },
      ),
    );
}

const choiceTitles = (card: Record<string, unknown>, id: string): string[] => {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const element = node as { id?: string; choices?: { title: string }[] };
    if (element.id === id && Array.isArray(element.choices)) {
      found.push(...element.choices.map((c) => c.title));
    }
    Object.values(node).forEach(visit);
  };
  visit(card);
  return found;
};

describe('an app configuration policy for managed apps, requested in Teams', () => {
  const bot = useBot();

  test('I request the Outlook managed-apps policy for Marketing, it is approved and Intune holds the full set with every other entry kept', async () => {
    const h = bot();
    const before = structuredClone(assignmentsOf(h, OUTLOOK));
    expect(before).toHaveLength(2);

    const req = await submitRequest(
      h,
      outlookTo({ type: 'group', groupId: WELL_KNOWN.groups.marketing }),
    );
    expect(req.reviewText).toContain('+ Marketing');
    expect(req.reviewText).toContain('2 existing assignments are kept as they are.');
    expect(req.reviewText).not.toMatch(/Intent|Filter/);
    const root = cardText(req.thread.rootCard);
    expect(root).toContain('Outlook - Managed apps settings');
    expect(root).toContain('app configuration for managed apps');

    const approved = invokeCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    expect(cardText(approved)).toMatch(/Approved by .*assigning/i);
    await h.settle();

    const writes = appliedWrites(h);
    expect(writes).toHaveLength(1);
    const write = writes[0]!;
    expect(write.path).toBe(ASSIGN_PATH);
    expect(write.version).toBe('beta');
    const body = write.body as { assignments: GraphObject[] };
    expect(
      validateAgainstGraphSchema('beta', 'targetedManagedAppConfiguration_assign_request', body)
        .errors,
    ).toEqual([]);
    expect(body.assignments).toEqual([
      ...before.map(withoutReadOnly),
      {
        '@odata.type': '#microsoft.graph.targetedManagedAppPolicyAssignment',
        target: {
          '@odata.type': '#microsoft.graph.groupAssignmentTarget',
          groupId: WELL_KNOWN.groups.marketing,
          deviceAndAppManagementAssignmentFilterId: null,
          deviceAndAppManagementAssignmentFilterType: 'none',
        },
      },
    ]);
    const after = assignmentsOf(h, OUTLOOK);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]?.target).toMatchObject({ groupId: WELL_KNOWN.groups.marketing });

    expect(threadReplies(h, req.thread).some((t) => t.includes(write.requestId))).toBe(true);
    expect(dmTexts(h, h.users.requester).some((t) => t.includes(write.requestId))).toBe(true);
    expect(cardText(currentCard(h, req.thread.rootId))).toMatch(/Assigned/);
  });

  test('an exclusion of Engineering is added as an exclusion, the include and the other exclusion kept', async () => {
    const h = bot();
    const before = structuredClone(assignmentsOf(h, OUTLOOK));
    const req = await submitRequest(
      h,
      outlookTo({ type: 'group', groupId: WELL_KNOWN.groups.engineering, exclude: true }),
    );
    expect(req.reviewText).toMatch(/\+ Exclude Engineering/);
    await clickInThread(h, h.users.approver2, 'request.approve', req);
    await h.settle();

    const [write] = appliedWrites(h);
    const body = write?.body as { assignments: GraphObject[] };
    expect(body.assignments).toEqual([
      ...before.map(withoutReadOnly),
      {
        '@odata.type': '#microsoft.graph.targetedManagedAppPolicyAssignment',
        target: expect.objectContaining({
          '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
          groupId: WELL_KNOWN.groups.engineering,
        }),
      },
    ]);
    expect(assignmentsOf(h, OUTLOOK).map((a) => a.id)).toEqual([
      ...before.map((a) => a.id),
      `${WELL_KNOWN.groups.engineering}_1`,
    ]);
  });

  test('re-requesting Sales, which the policy already includes, reads "already assigned" and cannot be submitted', async () => {
    const h = bot();
    const walked = await walkWizard(
      h,
      h.users.requester,
      outlookTo({ type: 'group', groupId: WELL_KNOWN.groups.sales }),
    );
    await h.settle();
    expect(walked.reviewText).toMatch(/already assigned/i);
    expect(cardText(walked.submittedCard)).toMatch(/already assigned that way.*nothing to request/);
    expect(await h.app.store.get(walked.draftId)).toMatchObject({ status: 'draft' });
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('the target step offers groups only, and All devices or All users sent anyway is refused with the draft unchanged', async () => {
    const h = bot();
    const click = await startWizard(h);
    const itemStep = await click('wizard.kind', { kind: 'managedAppConfig' });
    expect(cardText(itemStep)).toContain('Which app configuration policy for managed apps?');
    const targetStep = await click('wizard.item', { itemId: EDGE });
    expect(choiceTitles(targetStep, 'targetType')).toEqual(['A group']);

    for (const targetType of ['allDevices', 'allUsers']) {
      const refused = await click('wizard.target', { targetType, mode: 'include' });
      expect(cardText(refused)).toMatch(
        /App configuration policies for managed apps are assigned to groups only, not to All (devices|users); choose a group\./,
      );
      expect(choiceTitles(refused, 'targetType')).toEqual(['A group']);
    }
    const stored = await h.app.store.get(String(actionsOf(targetStep)[0]?.data?.requestId));
    expect(stored?.target).toBeUndefined();
    expect(stored?.draft?.step).toBe('target');
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('after the target the wizard goes straight to the justification, and Back returns to the target', async () => {
    const h = bot();
    const click = await startWizard(h);
    await click('wizard.kind', { kind: 'managedAppConfig' });
    await click('wizard.item', { itemId: EDGE });
    const justification = await click('wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.groups.sales,
      mode: 'include',
    });
    expect(cardText(justification)).toContain('Why is it needed?');
    expect(cardText(justification)).toContain('step 4 of 5');
    expect(cardText(justification)).not.toMatch(/Filter/);
    const back = await click('wizard.back');
    expect(cardText(back)).toContain('Who should get it?');
    expect(cardText(back)).toContain('step 3 of 5');
    await click('wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.groups.sales,
      mode: 'include',
    });
    const intent = await click('wizard.intent', { intent: 'required', filterId: 'none' });
    expect(cardText(intent)).toMatch(
      /Edge - Managed bookmarks \(managed apps\) takes no intent and no filter/,
    );
    const stored = await h.app.store.get(String(actionsOf(intent)[0]?.data?.requestId));
    expect([stored?.intent, stored?.filter]).toEqual([undefined, undefined]);
    expect(stored?.draft?.step).toBe('justification');
  });

  test('under Multi Admin Approval the write waits for an Intune administrator, then the identical full set is replayed once', async () => {
    const h = bot();
    h.sim.control.settings({ multiAdminApproval: true });
    const before = structuredClone(assignmentsOf(h, OUTLOOK));
    const req = await submitRequest(
      h,
      outlookTo({ type: 'group', groupId: WELL_KNOWN.groups.marketing }),
    );
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await eventually(
      async () => (await statusOf(h, req.requestId)) === 'awaiting-intune-approval',
      'the request to wait for Intune',
    );
    const code = String((await h.app.store.get(req.requestId))?.outcome?.approvalCode);
    await eventually(
      () => threadReplies(h, req.thread).some((t) => t.includes(code)),
      'the thread to say so',
    );
    expect(assignmentsOf(h, OUTLOOK)).toEqual(before);

    h.sim.control.decideApproval(code, 'approve');
    await eventually(
      async () => (await statusOf(h, req.requestId)) === 'assigned',
      'the replay after the Intune approval',
    );
    await h.settle();
    const [held, replayed] = h.sim.control.writes();
    expect(held?.status).toBe(403);
    expect(replayed).toMatchObject({ status: 204, path: ASSIGN_PATH, body: held?.body });
    expect(replayed?.headers['x-msft-approval-code']).toBe(code);
    expect(assignmentsOf(h, OUTLOOK).slice(0, 2)).toEqual(before);
    expect(assignmentsOf(h, OUTLOOK)).toHaveLength(3);
    expect(cardText(currentCard(h, req.thread.rootId))).toMatch(/Assigned/);
  });

  test('an unknown kind, a malformed id and a managed device policy offered as a managed-apps one are refused, changing nothing', async () => {
    const h = bot();
    const click = await startWizard(h);
    const unknown = await click('wizard.kind', { kind: 'deviceConfiguration' });
    expect(cardText(unknown)).toContain('Choose a mobile app or an app configuration policy.');
    expect(cardText(unknown)).toContain('What do you want to assign?');

    await click('wizard.kind', { kind: 'managedAppConfig' });
    const malformed = await click('wizard.item', { itemId: '../mobileApps' });
    expect(cardText(malformed)).toContain(
      'That is not an app configuration policy id; search for the policy again.',
    );
    const wrongKind = await click('wizard.item', { itemId: WELL_KNOWN.configPolicies.ios });
    expect(cardText(wrongKind)).toContain(
      'That app configuration policy no longer exists in Intune.',
    );
    const requestId = String(actionsOf(wrongKind)[0]?.data?.requestId);
    const stored = await h.app.store.get(requestId);
    expect(stored?.item).toBeUndefined();
    expect(stored?.draft).toMatchObject({ step: 'item', kind: 'managedAppConfig' });
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('typing in the policy picker lists managed-app policies with their platforms and assignment counts', async () => {
    const h = bot();
    const answer = await h.teams.search(h.users.requester, 'managedAppConfigs', 'Outlook');
    expect(answer.status).toBe(200);
    const results = (answer.body as { value: { results: { title: string; value: string }[] } })
      .value.results;
    expect(results.find((r) => r.value === OUTLOOK)?.title).toBe(
      'Outlook - Managed apps settings — iOS/iPadOS, Android · 2 assignments',
    );
    const policies = await h.teams.search(h.users.requester, 'configPolicies', 'Outlook');
    const values = (policies.body as { value: { results: { value: string }[] } }).value.results;
    expect(values.map((r) => r.value)).not.toContain(OUTLOOK);
  });
});

describe('an app configuration policy for managed apps, requested in Web Chat (Action.Submit)', () => {
  const bot = useBot();

  test('I search for the Teams managed-apps policy in a search box, include Sales, and it is assigned after approval', async () => {
    const h = bot();
    const me = h.users.requester;
    await h.teams.sayIn(me, 'assign');
    const first = h.connector.calls.find((c) => c.conversationId === personalChat(me) && cardOf(c));
    const replyToId = first!.answeredId!;
    const kindAction = actionsOf(cardOf(first)).find((a) => a.verb === 'wizard.kind');
    const requestId = String(kindAction?.data?.requestId);
    const step = async (verb: string, inputs: Record<string, unknown> = {}) => {
      const before = h.connector.calls.length;
      await h.teams.submit(me, { verb, requestId, ...inputs }, { replyToId });
      const update = h.connector.calls.slice(before).find((c) => c.kind === 'update');
      return cardOf(update)!;
    };

    await step('wizard.kind', { kind: 'managedAppConfig' });
    const found = await step('wizard.search', { query: 'Teams' });
    expect(cardText(found)).toContain(
      'Teams - Org allowed accounts (managed apps) — iOS/iPadOS, Android · 1 assignment',
    );
    expect(cardText(found)).not.toContain('Teams Android - Org allowed accounts');
    const nothing = await step('wizard.search', { query: 'no policy is called this' });
    expect(cardText(nothing)).toMatch(
      /No app configuration policy for managed apps matches "no policy is called this"/,
    );
    const target = await step('wizard.item', { itemId: WELL_KNOWN.managedAppConfigs.teams });
    expect(choiceTitles(target, 'targetType')).toEqual(['A group']);
    await step('wizard.target', { targetType: 'group', groupId: WELL_KNOWN.groups.sales });
    const review = await step('wizard.justification', { justification: 'Sales uses Teams.' });
    expect(cardText(review)).toContain('+ Sales');
    expect(cardText(review)).toContain('1 existing assignment is kept as it is.');
    const submitted = await step('wizard.submit');
    const displayId = /REQ-\d+/.exec(cardText(submitted))?.[0] ?? '';
    await h.settle();

    await clickInThread(h, h.users.approver1, 'request.approve', {
      requestId,
      thread: threadOf(h, displayId),
    });
    await h.settle();
    expect(await statusOf(h, requestId)).toBe('assigned');
    expect(assignmentsOf(h, WELL_KNOWN.managedAppConfigs.teams).map((a) => a.target)).toEqual([
      expect.objectContaining({ groupId: WELL_KNOWN.groups.marketing }),
      expect.objectContaining({ groupId: WELL_KNOWN.groups.sales }),
    ]);
  });
});
