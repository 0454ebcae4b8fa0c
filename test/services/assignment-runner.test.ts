import type { AssignmentRequest } from '../../src/domain/request';
import { transition, type RequestEvent } from '../../src/domain/state-machine';
import { requestLease } from '../../src/services/assignment-runner';
import { InProcessLeases } from '../../src/services/in-process-leases';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { assignThrough } from '../support/assign-through';
import {
  appliedWrites,
  createWorld,
  eventually,
  groupNotAssignedTo,
  PEOPLE,
  refusal,
  submitRequest,
  useWorld,
  value,
} from './support';

const NOTEPAD = WELL_KNOWN.apps.win32Unassigned;

describe('running an approved assignment', () => {
  const t = useWorld({ afterEach: 'shutdown' });

  const notepadRequest = () => ({
    itemId: NOTEPAD,
    target: { type: 'group' as const, groupId: groupNotAssignedTo(t.h, NOTEPAD).id },
    intent: { intent: 'required' as const },
  });

  const approveAndRun = async (request: AssignmentRequest) => {
    value(await t.world.services.decisions.approve(request.id, PEOPLE.approver));
    await t.world.tasks.idle();
    return t.world.store.get(request.id);
  };

  /** Applies events straight to the store, as a bot that stopped half-way would have left them. */
  const force = async (request: AssignmentRequest, ...events: RequestEvent[]) => {
    let current = request;
    for (const event of events) {
      const next = transition(current, event, t.world.clock.now().toISOString());
      if (!next.ok) throw new Error(`${event.type} does not apply to ${current.status}`);
      const saved = await t.world.store.save(next.request);
      if (!saved.ok) throw new Error('lost the compare-and-set');
      current = saved.request;
    }
    return current;
  };

  test('a 429 storm during the write still ends assigned with one applied write', async () => {
    const pending = await submitRequest(t.world, notepadRequest());
    t.h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 429,
      retryAfter: 0,
      times: 3,
    });

    const done = await approveAndRun(pending);

    expect(done?.status).toBe('assigned');
    expect(t.h.sim.control.writes().filter((w) => w.status === 429)).toHaveLength(3);
    expect(appliedWrites(t.h)).toHaveLength(1);
    expect(done?.outcome?.graphRequestId).toBe(appliedWrites(t.h)[0]!.requestId);
  });

  test('a write held by Intune Multi Admin Approval waits, and is replayed once an Intune admin approves', async () => {
    t.h.sim.control.settings({ multiAdminApproval: true });
    const pending = await submitRequest(t.world, notepadRequest());

    value(await t.world.services.decisions.approve(pending.id, PEOPLE.approver));
    await eventually(
      async () => (await t.world.store.get(pending.id))?.status === 'awaiting-intune-approval',
    );
    const held = await t.world.store.get(pending.id);
    const code = held?.outcome?.approvalCode ?? '';
    expect(code).not.toBe('');
    expect(appliedWrites(t.h)).toHaveLength(0);
    t.h.sim.control.decideApproval(code, 'approve');
    await t.world.tasks.idle();

    const done = await t.world.store.get(pending.id);
    expect(done?.status).toBe('assigned');
    expect(done?.outcome).toMatchObject({ approvalCode: code });
    const writes = t.h.sim.control.writes();
    expect(writes.map((w) => w.status)).toEqual([403, 204]);
    expect(writes[1]!.headers['x-msft-approval-code']).toBe(code);
    expect(t.world.notifier.story(pending.id)).toEqual([
      'submitted',
      'approve',
      'held',
      'assigned',
    ]);
  });

  test('a write an Intune admin rejects fails with a clear message and writes nothing', async () => {
    t.h.sim.control.settings({ multiAdminApproval: true });
    const pending = await submitRequest(t.world, notepadRequest());
    value(await t.world.services.decisions.approve(pending.id, PEOPLE.approver));
    await eventually(
      async () => (await t.world.store.get(pending.id))?.status === 'awaiting-intune-approval',
    );

    t.h.sim.control.decideApproval(
      (await t.world.store.get(pending.id))!.outcome!.approvalCode!,
      'reject',
    );
    await t.world.tasks.idle();

    const done = await t.world.store.get(pending.id);
    expect(done?.status).toBe('failed');
    expect(done?.outcome?.error).toEqual({
      code: 'intune-approval-ended',
      message:
        'An Intune administrator rejected the change in Multi Admin Approval; nothing was written.',
    });
    expect(appliedWrites(t.h)).toHaveLength(0);
  });

  test('a bot stopped while waiting for Intune resumes polling on the next start', async () => {
    t.h.sim.control.settings({ multiAdminApproval: true });
    const pending = await submitRequest(t.world, notepadRequest());
    value(await t.world.services.decisions.approve(pending.id, PEOPLE.approver));
    await eventually(
      async () => (await t.world.store.get(pending.id))?.status === 'awaiting-intune-approval',
    );
    await t.world.tasks.shutdown();
    expect((await t.world.store.get(pending.id))?.status).toBe('awaiting-intune-approval');

    t.world = createWorld(t.h, { store: t.world.store });
    const counts = await t.world.services.runner.resumeUnfinished();
    t.h.sim.control.decideApproval(
      (await t.world.store.get(pending.id))!.outcome!.approvalCode!,
      'approve',
    );
    await t.world.tasks.idle();

    expect(counts).toEqual({ started: 0, resumed: 0, polling: 1 });
    expect((await t.world.store.get(pending.id))?.status).toBe('assigned');
    expect(appliedWrites(t.h)).toHaveLength(1);
  });

  test('on start, a request left assigning after its write landed is finished without a second write', async () => {
    const pending = await submitRequest(t.world, notepadRequest());
    const by = { id: PEOPLE.approver.id, name: PEOPLE.approver.name };
    const stuck = await force(pending, { type: 'approve', by }, { type: 'start-assignment', by });
    const target = stuck.target!;
    await assignThrough(
      t.h.graph.intune,
      { kind: 'app', id: NOTEPAD },
      { target, targetName: stuck.targetName!, intent: 'required' },
      { justification: stuck.justification! },
    );
    expect(appliedWrites(t.h)).toHaveLength(1);

    const counts = await t.world.services.runner.resumeUnfinished();
    await t.world.tasks.idle();

    expect(counts).toEqual({ started: 0, resumed: 1, polling: 0 });
    const done = await t.world.store.get(pending.id);
    expect(done).toMatchObject({
      status: 'assigned',
      attempts: 2,
      outcome: { alreadyAssigned: true },
    });
    expect(appliedWrites(t.h)).toHaveLength(1);
    const audit = await t.world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.slice(-2).map((a) => a.action)).toEqual(['resume', 'assigned']);
  });

  test('on start, a request left assigning before its write landed is written exactly once', async () => {
    const pending = await submitRequest(t.world, notepadRequest());
    const by = { id: PEOPLE.approver.id, name: PEOPLE.approver.name };
    await force(pending, { type: 'approve', by }, { type: 'start-assignment', by });

    const counts = await t.world.services.runner.resumeUnfinished();
    await t.world.tasks.idle();
    const second = await createWorld(t.h, {
      store: t.world.store,
    }).services.runner.resumeUnfinished();

    expect(counts.resumed).toBe(1);
    expect(second).toEqual({ started: 0, resumed: 0, polling: 0 });
    expect((await t.world.store.get(pending.id))?.status).toBe('assigned');
    expect(appliedWrites(t.h)).toHaveLength(1);
  });

  test('a request another instance works on is left to it, and taken over once that instance stops', async () => {
    const leases = new InProcessLeases();
    t.world = createWorld(t.h, { leases });
    const pending = await submitRequest(t.world, notepadRequest());
    const by = { id: PEOPLE.approver.id, name: PEOPLE.approver.name };
    await force(pending, { type: 'approve', by }, { type: 'start-assignment', by });
    let stop!: () => void;
    const otherInstance = leases.tryRun(
      requestLease(pending.id),
      () => new Promise((r) => (stop = r)),
    );

    expect(await t.world.services.runner.resumeUnfinished()).toEqual({
      started: 0,
      resumed: 0,
      polling: 0,
    });
    await t.world.tasks.idle();
    expect((await t.world.store.get(pending.id))?.status).toBe('assigning');
    expect(appliedWrites(t.h)).toHaveLength(0);

    stop();
    await otherInstance;
    expect(await t.world.services.runner.resumeUnfinished()).toEqual({
      started: 0,
      resumed: 1,
      polling: 0,
    });
    await t.world.tasks.idle();
    expect((await t.world.store.get(pending.id))?.status).toBe('assigned');
    expect(appliedWrites(t.h)).toHaveLength(1);
  });

  test('on start, an approved request whose work never began is run', async () => {
    const pending = await submitRequest(t.world, notepadRequest());
    await force(pending, {
      type: 'approve',
      by: { id: PEOPLE.approver.id, name: 'Patti Fernandez' },
    });

    const counts = await t.world.services.runner.resumeUnfinished();
    await t.world.tasks.idle();

    expect(counts.started).toBe(1);
    expect((await t.world.store.get(pending.id))?.status).toBe('assigned');
    expect(appliedWrites(t.h)).toHaveLength(1);
  });

  test("a write Graph refuses fails with Graph's message and request id, and an approver's retry assigns it", async () => {
    const pending = await submitRequest(t.world, notepadRequest());
    t.h.sim.control.addFault({ method: 'POST', path: '/assign$', status: 400, times: 1 });

    const failed = await approveAndRun(pending);

    const refused = t.h.sim.control.writes()[0]!;
    expect(failed?.status).toBe('failed');
    expect(failed?.outcome).toMatchObject({
      error: { code: 'graph-failed', message: 'Injected fault (400).' },
      graphRequestId: refused.requestId,
    });
    const audit = await t.world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.at(-1)).toMatchObject({ action: 'failed', graphRequestId: refused.requestId });
    expect(refusal(await t.world.services.decisions.retry(pending.id, PEOPLE.requester)).code).toBe(
      'self-approval',
    );
    expect(refusal(await t.world.services.decisions.retry(pending.id, PEOPLE.outsider)).code).toBe(
      'not-approver',
    );

    const retried = value(await t.world.services.decisions.retry(pending.id, PEOPLE.otherApprover));
    expect(retried).toMatchObject({ status: 'assigning', assignmentBy: { name: 'Alex Wilber' } });
    await t.world.tasks.idle();

    expect(await t.world.store.get(pending.id)).toMatchObject({ status: 'assigned', attempts: 2 });
    expect(appliedWrites(t.h)).toHaveLength(1);
    expect(t.world.notifier.story(pending.id)).toEqual([
      'submitted',
      'approve',
      'failed',
      'retry',
      'assigned',
    ]);
  });

  test('a group deleted after review fails the request as not found, without a write', async () => {
    const spec = notepadRequest();
    const pending = await submitRequest(t.world, spec);
    const groups = t.h.sim.control.tenant().groups;
    groups.splice(
      groups.findIndex((g) => g.id === spec.target.groupId),
      1,
    );

    const failed = await approveAndRun(pending);

    expect(failed?.status).toBe('failed');
    expect(failed?.outcome?.error?.code).toBe('not-found');
    expect(failed?.outcome?.error?.message).toMatch(/no longer exists in Entra ID/);
    expect(t.h.sim.control.writes()).toHaveLength(0);
  });

  test('assignments changed since review in a way that matters are reported instead of written', async () => {
    const spec = notepadRequest();
    const pending = await submitRequest(t.world, spec);
    await assignThrough(
      t.h.graph.intune,
      { kind: 'app', id: NOTEPAD },
      {
        target: { kind: 'group', groupId: spec.target.groupId, exclude: false },
        targetName: 'x',
        intent: 'available',
      },
      { justification: 'changed in the portal' },
    );

    const failed = await approveAndRun(pending);

    expect(failed?.outcome?.error?.code).toBe('assignments-changed');
    expect(appliedWrites(t.h)).toHaveLength(1);
  });
});
