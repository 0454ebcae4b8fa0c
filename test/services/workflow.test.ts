import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import type { GraphHarness } from '../support/graph-harness';
import {
  appliedWrites,
  groupName,
  groupNotAssignedTo,
  PEOPLE,
  refusal,
  submitRequest,
  useWorld,
  value,
} from './support';

const READ_ONLY = ['id', 'source', 'sourceId'];
const withoutReadOnly = (a: GraphObject) =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !READ_ONLY.includes(k)));

describe('a request from submission to its end', () => {
  const t = useWorld();

  test('an approved app request is assigned with one Graph write holding the previous set plus the new assignment', async () => {
    const appId = WELL_KNOWN.apps.win32;
    const before = JSON.parse(
      JSON.stringify(t.h.sim.control.tenant().appAssignments.get(appId)),
    ) as GraphObject[];
    const group = groupNotAssignedTo(t.h, appId);
    const pending = await submitRequest(t.world, {
      itemId: appId,
      target: { type: 'group', groupId: group.id },
      intent: { intent: 'required' },
    });
    expect(pending).toMatchObject({ status: 'pending', number: 1001, revision: 7 });
    expect(pending.expiresAt).toBe('2026-03-05T09:00:00.000Z');
    expect(pending.draft).toBeUndefined();

    const approved = value(await t.world.services.decisions.approve(pending.id, PEOPLE.approver));
    expect(approved.status).toBe('approved');
    expect(approved.decidedBy).toEqual({ id: PEOPLE.approver.id, name: 'Patti Fernandez' });
    expect(appliedWrites(t.h)).toHaveLength(0);
    await t.world.tasks.idle();

    const done = await t.world.store.get(pending.id);
    const writes = appliedWrites(t.h);
    expect(writes).toHaveLength(1);
    expect(done).toMatchObject({ status: 'assigned', attempts: 1 });
    expect(done?.outcome?.graphRequestId).toBe(writes[0]!.requestId);
    const body = writes[0]!.body as { mobileAppAssignments: GraphObject[] };
    expect(body.mobileAppAssignments).toHaveLength(before.length + 1);
    expect(body.mobileAppAssignments.slice(0, before.length)).toEqual(before.map(withoutReadOnly));
    expect(body.mobileAppAssignments[before.length]).toMatchObject({
      intent: 'required',
      target: { groupId: group.id },
    });
    expect(t.world.notifier.story(pending.id)).toEqual(['submitted', 'approve', 'assigned']);
    const audit = await t.world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.map((a) => `${a.action}:${a.from}->${a.to}`)).toEqual([
      'submit:draft->pending',
      'approve:pending->approved',
      'start-assignment:approved->assigning',
      'assigned:assigning->assigned',
    ]);
    expect(audit[3]).toMatchObject({
      displayId: 'REQ-1001',
      graphRequestId: writes[0]!.requestId,
      actorName: 'Patti Fernandez',
    });
  });

  test('an app configuration policy is assigned on the cast path without an intent', async () => {
    const policyId = WELL_KNOWN.configPolicies.android;
    const pending = await submitRequest(t.world, {
      kind: 'configPolicy',
      itemId: policyId,
      target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
    });
    expect(pending.intent).toBeUndefined();
    expect(pending.diff?.map((d) => d.text)).toEqual([
      `+ ${groupName(t.h, WELL_KNOWN.groups.sales)}`,
    ]);

    value(await t.world.services.decisions.approve(pending.id, PEOPLE.approver));
    await t.world.tasks.idle();

    expect((await t.world.store.get(pending.id))?.status).toBe('assigned');
    const writes = appliedWrites(t.h);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toMatch(/managedDeviceMobileAppConfiguration\/assign$/);
    expect((writes[0]!.body as { assignments: unknown[] }).assignments).toHaveLength(1);
  });

  test('an approver rejects with a reason: the requester is told why and nothing is written', async () => {
    const pending = await submitRequest(t.world, unassignedZoomRequest(t.h));

    const rejected = value(
      await t.world.services.decisions.reject(pending.id, PEOPLE.approver, '  Use the web app  '),
    );
    await t.world.tasks.idle();

    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Use the web app' });
    expect(t.world.notifier.story(pending.id)).toEqual(['submitted', 'reject']);
    expect(t.h.sim.control.writes()).toHaveLength(0);
    const audit = await t.world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.at(-1)).toMatchObject({ action: 'reject', detail: 'Use the web app' });
  });

  test('a rejection without a reason is refused and changes nothing', async () => {
    const pending = await submitRequest(t.world, unassignedZoomRequest(t.h));

    const result = await t.world.services.decisions.reject(pending.id, PEOPLE.approver, '   ');

    expect(refusal(result).code).toBe('invalid-request');
    expect(refusal(result).message).toMatch(/reason/);
    expect(result.ok || result.request?.status).toBe('pending');
    expect((await t.world.store.get(pending.id))?.revision).toBe(pending.revision);
  });

  test('the requester cancels a pending request; nobody else may', async () => {
    const pending = await submitRequest(t.world, unassignedZoomRequest(t.h));

    const byOther = await t.world.services.decisions.cancel(pending.id, PEOPLE.approver);
    expect(refusal(byOther).code).toBe('not-requester');
    const cancelled = value(await t.world.services.decisions.cancel(pending.id, PEOPLE.requester));
    await t.world.tasks.idle();

    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: { name: 'Megan Bowen' } });
    expect(t.world.notifier.story(pending.id)).toEqual(['submitted', 'cancel']);
    const late = await t.world.services.decisions.approve(pending.id, PEOPLE.approver);
    expect(refusal(late).message).toMatch(
      /^REQ-1001 was cancelled by Megan Bowen on .*; it can no longer be approved\.$/,
    );
  });

  test('an approver cannot approve a request they made themselves', async () => {
    const mine = await submitRequest(t.world, unassignedZoomRequest(t.h), PEOPLE.approver);

    const result = await t.world.services.decisions.approve(mine.id, PEOPLE.approver);

    expect(refusal(result).code).toBe('self-approval');
    expect((await t.world.store.get(mine.id))?.status).toBe('pending');
  });

  test('someone who is not an approver cannot approve or reject', async () => {
    const pending = await submitRequest(t.world, unassignedZoomRequest(t.h));

    const approve = await t.world.services.decisions.approve(pending.id, PEOPLE.outsider);
    const reject = await t.world.services.decisions.reject(pending.id, PEOPLE.outsider, 'no');

    expect(refusal(approve).code).toBe('not-approver');
    expect(refusal(reject).code).toBe('not-approver');
    expect((await t.world.store.get(pending.id))?.status).toBe('pending');
  });

  test('two approvers approving at the same instant: one wins, the other is told who won, one write', async () => {
    const pending = await submitRequest(t.world, unassignedZoomRequest(t.h));

    const results = await Promise.all([
      t.world.services.decisions.approve(pending.id, PEOPLE.approver),
      t.world.services.decisions.approve(pending.id, PEOPLE.otherApprover),
    ]);
    await t.world.tasks.idle();

    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = value(won[0]!).decidedBy?.name;
    const error = refusal(lost[0]!);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(new RegExp(`^REQ-1001 was already approved by ${winner} on `));
    expect(appliedWrites(t.h)).toHaveLength(1);
    expect(t.world.notifier.story(pending.id)).toEqual(['submitted', 'approve', 'assigned']);
  });

  test('a request approved twice by the same click changes nothing the second time', async () => {
    const pending = await submitRequest(t.world, unassignedZoomRequest(t.h));
    value(await t.world.services.decisions.approve(pending.id, PEOPLE.approver));
    await t.world.tasks.idle();

    const again = await t.world.services.decisions.approve(pending.id, PEOPLE.approver);

    // The same approver's repeated click (a resent invoke) is answered with the request as it is.
    expect(value(again).status).toBe('assigned');
    await t.world.tasks.idle();
    expect(appliedWrites(t.h)).toHaveLength(1);
    const trail = await t.world.store.auditSince('2000-01-01T00:00:00Z');
    expect(trail.filter((r) => r.action === 'approve')).toHaveLength(1);
  });

  test('approving a request that has expired or was rejected is refused with what happened', async () => {
    const late = await submitRequest(t.world, unassignedZoomRequest(t.h));
    const decided = await submitRequest(t.world, unassignedZoomRequest(t.h));
    value(await t.world.services.decisions.reject(decided.id, PEOPLE.otherApprover, 'Not now'));
    t.world.clock.advanceHours(73);

    const expired = await t.world.services.decisions.approve(late.id, PEOPLE.approver);
    const rejected = await t.world.services.decisions.approve(decided.id, PEOPLE.approver);
    await t.world.tasks.idle();

    expect(refusal(expired)).toMatchObject({
      code: 'invalid-state',
      message: 'REQ-1001 expired on 2026-03-05 09:00 UTC; it can no longer be approved.',
    });
    expect((await t.world.store.get(late.id))?.status).toBe('expired');
    expect(t.world.notifier.story(late.id)).toEqual(['submitted', 'expire']);
    expect(refusal(rejected).message).toBe(
      'REQ-1002 was rejected by Alex Wilber on 2026-03-02 09:00 UTC; it can no longer be approved.',
    );
    expect(t.h.sim.control.writes()).toHaveLength(0);
  });

  test('an unknown request id is refused', async () => {
    const result = await t.world.services.decisions.approve('no-such-id', PEOPLE.approver);
    expect(refusal(result).code).toBe('unknown-request');
  });
});

function unassignedZoomRequest(h: GraphHarness) {
  const group = groupNotAssignedTo(h, WELL_KNOWN.apps.win32Unassigned);
  return {
    itemId: WELL_KNOWN.apps.win32Unassigned,
    target: { type: 'group' as const, groupId: group.id },
    intent: { intent: 'required' as const },
  };
}
