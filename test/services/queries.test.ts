import { WELL_KNOWN } from '../../src/simulator/seed';
import { PEOPLE, refusal, submitRequest, useWorld, value } from './support';

describe('looking requests up', () => {
  const t = useWorld();

  const request = (who = PEOPLE.requester) =>
    submitRequest(
      t.world,
      {
        itemId: WELL_KNOWN.apps.win32Unassigned,
        target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
        intent: { intent: 'required' },
      },
      who,
    );

  test('my requests lists what I submitted, newest first, without drafts', async () => {
    const first = await request();
    const second = await request();
    await request(PEOPLE.approver);
    value(await t.world.services.wizard.startDraft(PEOPLE.requester));

    const mine = value(await t.world.services.queries.myRequests(PEOPLE.requester));

    expect(mine.map((r) => r.id)).toEqual([second.id, first.id]);
  });

  test("an approver's queue holds pending requests made by others; non-approvers have none", async () => {
    const theirs = await request();
    await request(PEOPLE.approver);
    const decided = await request();
    value(await t.world.services.decisions.reject(decided.id, PEOPLE.otherApprover, 'No'));

    const queue = value(await t.world.services.queries.pendingForApprover(PEOPLE.approver));

    expect(queue.map((r) => r.id)).toEqual([theirs.id]);
    const outsider = await t.world.services.queries.pendingForApprover(PEOPLE.outsider);
    expect(refusal(outsider).code).toBe('not-approver');
  });

  test('status is shown to the requester and approvers; anyone else is told there is no such request', async () => {
    const pending = await request();
    const { queries } = t.world.services;

    expect(value(await queries.status('REQ-1001', PEOPLE.requester)).id).toBe(pending.id);
    expect(value(await queries.status('req1001', PEOPLE.otherApprover)).id).toBe(pending.id);
    const outsider = await queries.status('REQ-1001', PEOPLE.outsider);
    const missing = await queries.status('REQ-9999', PEOPLE.outsider);
    expect(refusal(outsider).code).toBe('unknown-request');
    expect(refusal(missing).code).toBe('unknown-request');
    expect(refusal(outsider).message).toBe('There is no request REQ-1001.');
    expect(refusal(await queries.status('hello', PEOPLE.requester)).code).toBe('invalid-request');
  });
});
