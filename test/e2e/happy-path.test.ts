import type { GraphObject } from '../../src/simulator/tenant-data';
import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, botHarness, cardOf, cardText, type BotHarness } from '../support/bot-harness';
import { cardProblems } from '../support/card-log';
import { APPROVALS_CHANNEL } from '../support/teams-client';
import { invokeCard, walkWizard, ZOOM_TO_SALES } from '../support/walk';

const withoutReadOnly = (a: GraphObject) =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !['id', 'source', 'sourceId'].includes(k)));

describe('the whole happy path in Teams', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness();
    // Approvers have the app installed: the bot knows them and can message them.
    await h.teams.say(h.users.approver1, 'help');
    await h.teams.say(h.users.approver2, 'help');
    h.connector.clear();
  });
  afterEach(async () => {
    await h.close();
    expect(cardProblems(h.emittedCards())).toEqual([]);
  });

  test('an app is requested, approved in the channel thread, assigned once and reported everywhere', async () => {
    const before = structuredClone(
      h.sim.control.tenant().appAssignments.get(WELL_KNOWN.apps.win32) ?? [],
    );

    const walked = await walkWizard(h, h.users.requester, ZOOM_TO_SALES);
    expect(walked.reviewText).toContain('+ Sales (required)');
    expect(cardText(walked.submittedCard)).toMatch(/REQ-1001/);
    await h.settle();

    const thread = h.connector.calls.find(
      (c) =>
        c.kind === 'create' &&
        (c.body.channelData as { channel?: { id?: string } })?.channel?.id ===
          APPROVALS_CHANNEL.channelId,
    );
    expect(thread).toBeDefined();
    expect(cardText(cardOf(thread))).toContain('REQ-1001');
    const threadId = thread!.conversationId!;
    const rootId = thread!.answeredId!;
    const refresh = (cardOf(thread)?.refresh as { userIds?: string[] } | undefined)?.userIds;
    expect(refresh).toEqual(expect.arrayContaining([h.users.approver1.mri, h.users.approver2.mri]));
    const approverDms = h.connector.calls.filter(
      (c) =>
        (c.kind === 'send' || c.kind === 'reply') &&
        c.conversationId?.startsWith('a:personal-29:approver'),
    );
    expect(approverDms.map((c) => c.conversationId).sort()).toEqual([
      `a:personal-${h.users.approver1.mri}`,
      `a:personal-${h.users.approver2.mri}`,
    ]);
    expect(actionsOf(cardOf(approverDms[0])).map((a) => a.verb)).toEqual(
      expect.arrayContaining(['request.approve', 'request.reject']),
    );

    h.connector.clear();
    const answer = await h.teams.execute(
      h.users.approver1,
      'request.approve',
      { requestId: walked.requestId },
      { replyToId: rootId, where: 'channel' },
    );
    const approvedCard = invokeCard(answer);
    expect(cardText(approvedCard)).toMatch(/Approved|Assigning/i);
    await h.settle();

    const writes = h.sim.control.writes();
    expect(writes).toHaveLength(1);
    const body = writes[0]!.body as { mobileAppAssignments: GraphObject[] };
    expect(validateAgainstGraphSchema('beta', 'mobileApp_assign_request', body).errors).toEqual([]);
    expect(body.mobileAppAssignments.slice(0, before.length)).toEqual(before.map(withoutReadOnly));
    expect(body.mobileAppAssignments).toHaveLength(before.length + 1);
    expect(body.mobileAppAssignments.at(-1)).toMatchObject({
      intent: 'required',
      target: { groupId: WELL_KNOWN.groups.sales },
    });

    const replies = h.connector.calls
      .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === threadId)
      .map((c) => String(c.body.text));
    expect(replies.some((t) => /approved by/i.test(t))).toBe(true);
    expect(replies.some((t) => t.includes(writes[0]!.requestId))).toBe(true);

    const requesterDms = h.connector.calls
      .filter(
        (c) =>
          (c.kind === 'send' || c.kind === 'reply') &&
          c.conversationId === `a:personal-${h.users.requester.mri}`,
      )
      .map((c) => String(c.body.text));
    expect(requesterDms.some((t) => t.includes(writes[0]!.requestId))).toBe(true);

    const updated = new Set(
      h.connector.calls
        .filter((c) => c.kind === 'update')
        .map((c) => `${c.conversationId}|${c.activityId}`),
    );
    expect(updated).toContain(`${threadId}|${rootId}`);
    expect([...updated].some((u) => u.startsWith(`a:personal-${h.users.requester.mri}|`))).toBe(
      true,
    );
    expect([...updated].some((u) => u.startsWith(`a:personal-${h.users.approver1.mri}|`))).toBe(
      true,
    );
    expect([...updated].some((u) => u.startsWith(`a:personal-${h.users.approver2.mri}|`))).toBe(
      true,
    );
    const finalRoot = h.connector.activities.get(rootId);
    expect(cardText(cardOf(finalRoot))).toMatch(/Assigned/);
  });
});
