import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { actionsOf, cardOf, cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  currentCard,
  dmCards,
  dmTexts,
  personalChat,
  submitRequest,
  threadReplies,
  updatedInChat,
  updatedMessages,
  useBot,
} from '../support/e2e';
import { invokeCard, type WalkChoice } from '../support/walk';

const OUTLOOK_IOS_TO_MARKETING: WalkChoice = {
  kind: 'configPolicy',
  itemId: WELL_KNOWN.configPolicies.ios,
  target: { type: 'group', groupId: WELL_KNOWN.groups.marketing },
};

const CAST_PATH = `/deviceAppManagement/mobileAppConfigurations/${WELL_KNOWN.configPolicies.ios}/microsoft.graph.managedDeviceMobileAppConfiguration/assign`;

const withoutReadOnly = (a: GraphObject) =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !['id', 'source', 'sourceId'].includes(k)));

describe('an app configuration policy, requested in Teams', () => {
  const bot = useBot();

  test('I request the Outlook iOS policy for Marketing, an approver approves it, and it is assigned once with everyone told', async () => {
    const h = bot();
    const before = structuredClone(
      h.sim.control.tenant().configAssignments.get(WELL_KNOWN.configPolicies.ios) ?? [],
    );
    expect(before).toHaveLength(1);

    const req = await submitRequest(h, OUTLOOK_IOS_TO_MARKETING);
    expect(req.reviewText).toContain('+ Marketing');
    expect(cardText(req.thread.rootCard)).toContain('Outlook iOS - Corporate accounts');
    for (const approver of [h.users.approver1, h.users.approver2]) {
      const dm = dmCards(h, approver).find((c) => cardText(c).includes(req.displayId));
      expect(actionsOf(dm).map((a) => a.verb)).toEqual(
        expect.arrayContaining(['request.approve', 'request.reject']),
      );
    }

    const approved = invokeCard(await clickInThread(h, h.users.approver1, 'request.approve', req));
    expect(cardText(approved)).toMatch(/Approved by .*assigning/i);
    await h.settle();

    const writes = appliedWrites(h);
    expect(writes).toHaveLength(1);
    const write = writes[0]!;
    expect(write.path).toBe(CAST_PATH);
    const body = write.body as { assignments: GraphObject[] };
    expect(
      validateAgainstGraphSchema('beta', 'managedDeviceMobileAppConfiguration_assign_request', body)
        .errors,
    ).toEqual([]);
    expect(body.assignments).toEqual([
      ...before.map(withoutReadOnly),
      {
        '@odata.type': '#microsoft.graph.managedDeviceMobileAppConfigurationAssignment',
        target: expect.objectContaining({
          '@odata.type': '#microsoft.graph.groupAssignmentTarget',
          groupId: WELL_KNOWN.groups.marketing,
        }),
      },
    ]);
    expect(
      h.sim.control.tenant().configAssignments.get(WELL_KNOWN.configPolicies.ios),
    ).toHaveLength(2);

    const replies = threadReplies(h, req.thread);
    expect(replies.some((t) => t.includes(`approved by ${h.users.approver1.name}`))).toBe(true);
    expect(replies.some((t) => t.includes(write.requestId))).toBe(true);
    expect(dmTexts(h, h.users.requester).some((t) => t.includes(write.requestId))).toBe(true);

    const updated = updatedMessages(h);
    expect(updated).toContain(`${req.thread.conversationId}|${req.thread.rootId}`);
    for (const user of [h.users.requester, h.users.approver1, h.users.approver2]) {
      expect(updatedInChat(h, user)).toBe(true);
    }
    expect(cardText(currentCard(h, req.thread.rootId))).toMatch(/Assigned/);
    expect(cardText(currentCard(h, req.thread.rootId))).toContain(write.requestId);
    for (const approver of [h.users.approver1, h.users.approver2]) {
      const copies = h.connector
        .inConversation(personalChat(approver))
        .map((a) => cardOf(a))
        .filter((c) => cardText(c).includes(req.displayId));
      expect(copies.length).toBeGreaterThan(0);
      for (const copy of copies) {
        expect(cardText(copy)).toMatch(/Assigned/);
        expect(actionsOf(copy).map((a) => a.verb)).not.toContain('request.approve');
      }
    }
  });

  test('the audit trail of that request names who submitted, approved and started it, and Graph’s request id', async () => {
    const h = bot();
    const since = h.clock.now().toISOString();
    const req = await submitRequest(h, OUTLOOK_IOS_TO_MARKETING);
    await clickInThread(h, h.users.approver2, 'request.approve', req);
    await h.settle();
    const write = appliedWrites(h)[0]!;

    const trail = (await h.app.store.auditSince(since)).filter(
      (r) => r.requestId === req.requestId,
    );
    const byAction = (action: string) => trail.find((r) => r.action === action);
    expect(trail.map((r) => r.action)).toEqual(
      expect.arrayContaining(['submit', 'approve', 'start-assignment', 'assigned']),
    );
    expect(byAction('submit')).toMatchObject({
      displayId: req.displayId,
      from: 'draft',
      to: 'pending',
      actorName: h.users.requester.name,
    });
    expect(byAction('approve')).toMatchObject({
      from: 'pending',
      to: 'approved',
      actorName: h.users.approver2.name,
      actorId: h.users.approver2.aadObjectId,
    });
    expect(byAction('start-assignment')).toMatchObject({
      from: 'approved',
      to: 'assigning',
      actorName: h.users.approver2.name,
    });
    expect(byAction('assigned')).toMatchObject({
      from: 'assigning',
      to: 'assigned',
      actorName: h.users.approver2.name,
      graphRequestId: write.requestId,
    });
  });
});
