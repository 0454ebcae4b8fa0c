import type { AssignmentRequest } from '../../src/domain/request';
import { transition, type RequestEvent } from '../../src/domain/state-machine';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { graphHarness, type GraphHarness } from '../support/graph-harness';
import {
  appliedWrites,
  createWorld,
  eventually,
  groupNotAssignedTo,
  PEOPLE,
  refusal,
  submitRequest,
  value,
  type World,
} from './support';

const NOTEPAD = WELL_KNOWN.apps.win32Unassigned;

describe('running an approved assignment', () => {
  let h: GraphHarness;
  let world: World;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    world = createWorld(h);
  });
  afterEach(() => world.tasks.shutdown());

  const notepadRequest = () => ({
    itemId: NOTEPAD,
    target: { type: 'group' as const, groupId: groupNotAssignedTo(h, NOTEPAD).id },
    intent: { intent: 'required' as const },
  });

  const approveAndRun = async (request: AssignmentRequest) => {
    value(await world.services.decisions.approve(request.id, PEOPLE.approver));
    await world.tasks.idle();
    return world.store.get(request.id);
  };

  /** Applies events straight to the store, as a bot that stopped half-way would have left them. */
  const force = async (request: AssignmentRequest, ...events: RequestEvent[]) => {
    let current = request;
    for (const event of events) {
      const next = transition(current, event, world.clock.now().toISOString());
      if (!next.ok) throw new Error(`${event.type} does not apply to ${current.status}`);
      const saved = await world.store.save(next.request);
      if (!saved.ok) throw new Error('lost the compare-and-set');
      current = saved.request;
    }
    return current;
  };

  test('a 429 storm during the write still ends assigned with one applied write', async () => {
    const pending = await submitRequest(world, notepadRequest());
    h.sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      status: 429,
      retryAfter: 0,
      times: 3,
    });

    const done = await approveAndRun(pending);

    expect(done?.status).toBe('assigned');
    expect(h.sim.control.writes().filter((w) => w.status === 429)).toHaveLength(3);
    expect(appliedWrites(h)).toHaveLength(1);
    expect(done?.outcome?.graphRequestId).toBe(appliedWrites(h)[0]!.requestId);
  });

  test('a write held by Intune Multi Admin Approval waits, and is replayed once an Intune admin approves', async () => {
    h.sim.control.settings({ multiAdminApproval: true });
    const pending = await submitRequest(world, notepadRequest());

    value(await world.services.decisions.approve(pending.id, PEOPLE.approver));
    await eventually(
      async () => (await world.store.get(pending.id))?.status === 'awaiting-intune-approval',
    );
    const held = await world.store.get(pending.id);
    const code = held?.outcome?.approvalCode ?? '';
    expect(code).not.toBe('');
    expect(appliedWrites(h)).toHaveLength(0);
    h.sim.control.decideApproval(code, 'approve');
    await world.tasks.idle();

    const done = await world.store.get(pending.id);
    expect(done?.status).toBe('assigned');
    expect(done?.outcome).toMatchObject({ approvalCode: code });
    const writes = h.sim.control.writes();
    expect(writes.map((w) => w.status)).toEqual([403, 204]);
    expect(writes[1]!.headers['x-msft-approval-code']).toBe(code);
    expect(world.notifier.story(pending.id)).toEqual(['submitted', 'approve', 'held', 'assigned']);
  });

  test('a write an Intune admin rejects fails with a clear message and writes nothing', async () => {
    h.sim.control.settings({ multiAdminApproval: true });
    const pending = await submitRequest(world, notepadRequest());
    value(await world.services.decisions.approve(pending.id, PEOPLE.approver));
    await eventually(
      async () => (await world.store.get(pending.id))?.status === 'awaiting-intune-approval',
    );

    h.sim.control.decideApproval(
      (await world.store.get(pending.id))!.outcome!.approvalCode!,
      'reject',
    );
    await world.tasks.idle();

    const done = await world.store.get(pending.id);
    expect(done?.status).toBe('failed');
    expect(done?.outcome?.error).toEqual({
      code: 'intune-approval-ended',
      message:
        'An Intune administrator rejected the change in Multi Admin Approval; nothing was written.',
    });
    expect(appliedWrites(h)).toHaveLength(0);
  });

  test('a bot stopped while waiting for Intune resumes polling on the next start', async () => {
    h.sim.control.settings({ multiAdminApproval: true });
    const pending = await submitRequest(world, notepadRequest());
    value(await world.services.decisions.approve(pending.id, PEOPLE.approver));
    await eventually(
      async () => (await world.store.get(pending.id))?.status === 'awaiting-intune-approval',
    );
    await world.tasks.shutdown();
    expect((await world.store.get(pending.id))?.status).toBe('awaiting-intune-approval');

    world = createWorld(h, { store: world.store });
    const counts = await world.services.runner.resumeOnStart();
    h.sim.control.decideApproval(
      (await world.store.get(pending.id))!.outcome!.approvalCode!,
      'approve',
    );
    await world.tasks.idle();

    expect(counts).toEqual({ started: 0, resumed: 0, polling: 1 });
    expect((await world.store.get(pending.id))?.status).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
  });

  test('on start, a request left assigning after its write landed is finished without a second write', async () => {
    const pending = await submitRequest(world, notepadRequest());
    const by = { id: PEOPLE.approver.id, name: PEOPLE.approver.name };
    const stuck = await force(pending, { type: 'approve', by }, { type: 'start-assignment', by });
    const target = stuck.target!;
    await h.graph.intune.assign(
      { kind: 'app', id: NOTEPAD },
      { target, targetName: stuck.targetName!, intent: 'required' },
      { justification: stuck.justification! },
    );
    expect(appliedWrites(h)).toHaveLength(1);

    const counts = await world.services.runner.resumeOnStart();
    await world.tasks.idle();

    expect(counts).toEqual({ started: 0, resumed: 1, polling: 0 });
    const done = await world.store.get(pending.id);
    expect(done).toMatchObject({
      status: 'assigned',
      attempts: 2,
      outcome: { alreadyAssigned: true },
    });
    expect(appliedWrites(h)).toHaveLength(1);
    const audit = await world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.slice(-2).map((a) => a.action)).toEqual(['resume', 'assigned']);
  });

  test('on start, a request left assigning before its write landed is written exactly once', async () => {
    const pending = await submitRequest(world, notepadRequest());
    const by = { id: PEOPLE.approver.id, name: PEOPLE.approver.name };
    await force(pending, { type: 'approve', by }, { type: 'start-assignment', by });

    const counts = await world.services.runner.resumeOnStart();
    await world.tasks.idle();
    const second = await createWorld(h, { store: world.store }).services.runner.resumeOnStart();

    expect(counts.resumed).toBe(1);
    expect(second).toEqual({ started: 0, resumed: 0, polling: 0 });
    expect((await world.store.get(pending.id))?.status).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
  });

  test('on start, an approved request whose work never began is run', async () => {
    const pending = await submitRequest(world, notepadRequest());
    await force(pending, {
      type: 'approve',
      by: { id: PEOPLE.approver.id, name: 'Patti Fernandez' },
    });

    const counts = await world.services.runner.resumeOnStart();
    await world.tasks.idle();

    expect(counts.started).toBe(1);
    expect((await world.store.get(pending.id))?.status).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
  });

  test("a write Graph refuses fails with Graph's message and request id, and an approver's retry assigns it", async () => {
    const pending = await submitRequest(world, notepadRequest());
    h.sim.control.addFault({ method: 'POST', path: '/assign$', status: 400, times: 1 });

    const failed = await approveAndRun(pending);

    const refused = h.sim.control.writes()[0]!;
    expect(failed?.status).toBe('failed');
    expect(failed?.outcome).toMatchObject({
      error: { code: 'graph-failed', message: 'Injected fault (400).' },
      graphRequestId: refused.requestId,
    });
    const audit = await world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.at(-1)).toMatchObject({ action: 'failed', graphRequestId: refused.requestId });
    expect(refusal(await world.services.decisions.retry(pending.id, PEOPLE.requester)).code).toBe(
      'self-approval',
    );
    expect(refusal(await world.services.decisions.retry(pending.id, PEOPLE.outsider)).code).toBe(
      'not-approver',
    );

    const retried = value(await world.services.decisions.retry(pending.id, PEOPLE.otherApprover));
    expect(retried).toMatchObject({ status: 'assigning', assignmentBy: { name: 'Alex Wilber' } });
    await world.tasks.idle();

    expect(await world.store.get(pending.id)).toMatchObject({ status: 'assigned', attempts: 2 });
    expect(appliedWrites(h)).toHaveLength(1);
    expect(world.notifier.story(pending.id)).toEqual([
      'submitted',
      'approve',
      'failed',
      'retry',
      'assigned',
    ]);
  });

  test('a group deleted after review fails the request as not found, without a write', async () => {
    const spec = notepadRequest();
    const pending = await submitRequest(world, spec);
    const groups = h.sim.control.tenant().groups;
    groups.splice(
      groups.findIndex((g) => g.id === spec.target.groupId),
      1,
    );

    const failed = await approveAndRun(pending);

    expect(failed?.status).toBe('failed');
    expect(failed?.outcome?.error?.code).toBe('not-found');
    expect(failed?.outcome?.error?.message).toMatch(/no longer exists in Entra ID/);
    expect(h.sim.control.writes()).toHaveLength(0);
  });

  test('assignments changed since review in a way that matters are reported instead of written', async () => {
    const spec = notepadRequest();
    const pending = await submitRequest(world, spec);
    await h.graph.intune.assign(
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
    expect(appliedWrites(h)).toHaveLength(1);
  });
});
