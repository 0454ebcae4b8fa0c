import { AppError } from '../../src/domain/errors';
import type {
  CurrentAssignment,
  NextEntry,
  RequestedAssignment,
} from '../../src/domain/assignment';
import type {
  IntunePort,
  IntuneVersion,
  ItemRef,
  WriteOptions,
} from '../../src/services/ports/intune';

/** A group the fixture's assigned app is not assigned to. */
export interface FreeGroup {
  id: string;
  name: string;
}

/** What a backend's test file hands the suite: a port on a tenant in its starting state. */
export interface IntuneFixture {
  intune: IntunePort;
  /** The version the port is set to write with. */
  version: IntuneVersion;
  /** A published Win32 app with at least two direct assignments, one of them an include. */
  assignedApp: { id: string; name: string };
  /** A published Win32 app without assignments. */
  unassignedApp: string;
  /** An app one of whose assignments comes from a policy set. */
  policySetApp: string;
  /** An app configuration policy. */
  policy: string;
  /** Two groups the assigned app is not assigned to. */
  freeGroups: [FreeGroup, FreeGroup];
  /** The next write gets an answer that leaves its outcome unknown (Graph: a 5xx). */
  failNextWrite(): void;
  /** Intune Multi Admin Approval protects writes from now on. */
  requireApproval(): void;
  /** An Intune administrator decides a held write. */
  decide(approvalCode: string, decision: 'approve' | 'reject'): void;
  cleanup?: () => Promise<void>;
}

const MISSING = '0bad0bad-0000-4000-8000-000000000000';
const OPTIONS: WriteOptions = { justification: 'Contract test', appType: 'win32LobApp' };

const keep = (current: CurrentAssignment): NextEntry => ({ kind: 'keep', current });

const includeOf = (
  group: FreeGroup,
  intent: RequestedAssignment['intent'],
): RequestedAssignment => ({
  target: { kind: 'group', groupId: group.id, exclude: false },
  targetName: group.name,
  intent,
});

/** What a reader compares: where, which intent, which filter, and the opaque object itself. */
const shapes = (set: CurrentAssignment[]) =>
  set.map((a) => ({ target: a.target, intent: a.intent, filter: a.filter, payload: a.payload }));

/**
 * The one Intune port contract, run unchanged against the in-memory port and the Graph adapter on
 * the simulated tenant: reads, full-set writes that keep every other assignment verbatim, the
 * refused empty set (posted only for an explicit removal), not-found, and a write left unconfirmed.
 */
export function describeIntuneContract(name: string, make: () => Promise<IntuneFixture>): void {
  describe(`${name} Intune port contract`, () => {
    let f: IntuneFixture;
    let app: ItemRef;

    beforeEach(async () => {
      f = await make();
      app = { kind: 'app', id: f.assignedApp.id };
    });
    afterEach(() => f.cleanup?.());

    test('reports the version it writes with', () => {
      expect(f.intune.version).toBe(f.version);
    });

    test('reads an app and a policy by id, and nothing for an id that does not exist', async () => {
      expect(await f.intune.getApp(f.assignedApp.id)).toMatchObject({
        id: f.assignedApp.id,
        name: f.assignedApp.name,
        appType: 'win32LobApp',
        published: true,
      });
      expect(await f.intune.getConfigPolicy(f.policy)).toMatchObject({ id: f.policy });
      expect(await f.intune.getApp(MISSING)).toBeUndefined();
      expect(await f.intune.getConfigPolicy(MISSING)).toBeUndefined();
    });

    test('finds an app by a word of its name', async () => {
      const word = f.assignedApp.name.split(' ')[0]!;
      const found = await f.intune.searchApps(word, 50);
      expect(found.map((a) => a.id)).toContain(f.assignedApp.id);
    });

    test('reads the same assignments twice as equal, separate copies', async () => {
      const first = await f.intune.getAssignments(app);
      const second = await f.intune.getAssignments(app);
      expect(first.length).toBeGreaterThanOrEqual(2);
      expect(second).toEqual(first);
      expect(second[0]).not.toBe(first[0]);
      expect(first.some((a) => a.target.kind === 'group' && !a.target.exclude)).toBe(true);
      expect(first.every((a) => !a.fromPolicySet)).toBe(true);
      expect(await f.intune.getAssignments({ kind: 'app', id: f.unassignedApp })).toEqual([]);
    });

    test('an assignment that comes from a policy set is reported as such, the others as direct', async () => {
      const set = await f.intune.getAssignments({ kind: 'app', id: f.policySetApp });
      expect(set.filter((a) => a.fromPolicySet)).toHaveLength(1);
      expect(set.filter((a) => !a.fromPolicySet).length).toBeGreaterThanOrEqual(1);
    });

    test('reading the assignments of an item that does not exist fails with not-found', async () => {
      await expect(f.intune.getAssignments({ kind: 'app', id: MISSING })).rejects.toMatchObject({
        code: 'not-found',
      });
    });

    test('reads an item for a write with its assignments, and tells which groups are gone', async () => {
      const [group] = f.freeGroups;
      const read = await f.intune.readForWrite(app, { groupIds: [group.id, MISSING, group.id] });
      expect(read.exists).toBe(true);
      expect(read.app).toMatchObject({
        id: f.assignedApp.id,
        appType: 'win32LobApp',
        published: true,
      });
      expect(read.current).toEqual(await f.intune.getAssignments(app));
      expect(read.missingGroups).toEqual([MISSING]);
      const policySet = await f.intune.readForWrite({ kind: 'app', id: f.policySetApp });
      expect(policySet.current.filter((a) => a.fromPolicySet)).toHaveLength(1);
    });

    test('reads a policy for a write, and an item that does not exist as gone without failing', async () => {
      const policy = { kind: 'configPolicy' as const, id: f.policy };
      const read = await f.intune.readForWrite(policy);
      expect([read.exists, read.app, read.missingGroups]).toEqual([true, undefined, []]);
      expect(read.current).toEqual(await f.intune.getAssignments(policy));
      const gone = await f.intune.readForWrite(
        { kind: 'app', id: MISSING },
        { groupIds: [MISSING] },
      );
      expect(gone).toEqual({ exists: false, current: [], missingGroups: [MISSING] });
    });

    test('a full-set write adds the new assignment and keeps every other one verbatim', async () => {
      const before = await f.intune.getAssignments(app);
      const [group] = f.freeGroups;
      const added = includeOf(group, 'required');
      const next: NextEntry[] = [...before.map(keep), { kind: 'add', requested: added }];

      const result = await f.intune.writeAssignments(app, next, OPTIONS);

      expect(result).toMatchObject({ status: 'written', requestId: expect.any(String) });
      const after = await f.intune.getAssignments(app);
      expect(after).toHaveLength(before.length + 1);
      expect(shapes(after.slice(0, before.length))).toEqual(shapes(before));
      expect(after[before.length]).toMatchObject({ target: added.target, intent: 'required' });
    });

    test('a change entry changes that assignment in place and keeps the others', async () => {
      const before = await f.intune.getAssignments(app);
      const at = before.findIndex((a) => a.target.kind === 'group' && !a.target.exclude);
      const changed = before[at]!;
      const intent = changed.intent === 'available' ? 'required' : 'available';
      const requested: RequestedAssignment = {
        target: changed.target as RequestedAssignment['target'],
        targetName: 'the group',
        intent,
        filter: changed.filter,
      };
      const next = before.map((a, i): NextEntry =>
        i === at ? { kind: 'change', current: a, requested } : keep(a),
      );

      await f.intune.writeAssignments(app, next, OPTIONS);

      const after = await f.intune.getAssignments(app);
      expect(after).toHaveLength(before.length);
      expect(after.find((a) => a.intent === intent && sameTarget(a, changed))).toBeDefined();
      const others = (set: CurrentAssignment[]) =>
        shapes(set.filter((a) => !sameTarget(a, changed)));
      expect(others(after)).toEqual(others(before));
    });

    test('chosen settings are read back on a new assignment and on a changed one, the others kept', async () => {
      const before = await f.intune.getAssignments(app);
      const at = before.findIndex((a) => a.target.kind === 'group' && !a.target.exclude);
      const existing = before[at]!;
      const [group] = f.freeGroups;
      const added = {
        ...includeOf(group, 'required'),
        settings: { notifications: 'hideAll' as const },
      };
      const changed: RequestedAssignment = {
        target: existing.target as RequestedAssignment['target'],
        targetName: 'the group',
        intent: existing.intent,
        filter: existing.filter,
        settings: { deliveryOptimization: 'foreground' },
      };
      const next: NextEntry[] = [
        ...before.map((a, i): NextEntry =>
          i === at ? { kind: 'change', current: a, requested: changed } : keep(a),
        ),
        { kind: 'add', requested: added },
      ];

      await f.intune.writeAssignments(app, next, OPTIONS);

      const after = await f.intune.getAssignments(app);
      expect(after[before.length]?.settings).toMatchObject({ notifications: 'hideAll' });
      expect(after.find((a) => sameTarget(a, existing))?.settings).toMatchObject({
        deliveryOptimization: 'foreground',
      });
      const others = (set: CurrentAssignment[]) =>
        shapes(set.filter((a) => !sameTarget(a, existing))).slice(0, before.length - 1);
      expect(others(after)).toEqual(others(before));
    });

    test('an empty set is refused and every assignment stays', async () => {
      const before = await f.intune.getAssignments(app);
      await expect(f.intune.writeAssignments(app, [], OPTIONS)).rejects.toMatchObject({
        code: 'empty-set',
      });
      expect(await f.intune.getAssignments(app)).toEqual(before);
    });

    test('an empty set is posted only when the write says it is an explicit removal of them all', async () => {
      expect(await f.intune.getAssignments(app)).not.toEqual([]);
      await f.intune.writeAssignments(app, [], { ...OPTIONS, allowEmpty: true });
      expect(await f.intune.getAssignments(app)).toEqual([]);
    });

    test('a write to an item that does not exist fails with not-found', async () => {
      const next: NextEntry[] = [
        { kind: 'add', requested: includeOf(f.freeGroups[0], 'required') },
      ];
      await expect(
        f.intune.writeAssignments({ kind: 'app', id: MISSING }, next, OPTIONS),
      ).rejects.toMatchObject({ code: 'not-found' });
    });

    test('a write whose answer leaves its outcome unknown fails with write-unconfirmed, after its attempt was announced', async () => {
      const before = await f.intune.getAssignments(app);
      const next = [
        ...before.map(keep),
        { kind: 'add' as const, requested: includeOf(f.freeGroups[1], 'available') },
      ];
      let attempts = 0;
      f.failNextWrite();

      const write = f.intune.writeAssignments(app, next, {
        ...OPTIONS,
        beforeAttempt: async () => {
          attempts += 1;
        },
      });

      await expect(write).rejects.toMatchObject({ code: 'write-unconfirmed' });
      expect(attempts).toBe(1);
    });

    test('a write held by Multi Admin Approval changes nothing until approved; the replay applies the held set', async () => {
      const before = await f.intune.getAssignments(app);
      const added = includeOf(f.freeGroups[0], 'required');
      f.requireApproval();

      const result = await f.intune.writeAssignments(
        app,
        [...before.map(keep), { kind: 'add', requested: added }],
        OPTIONS,
      );

      if (result.status !== 'held') throw new AppError('invalid-state', 'the write was not held');
      const code = result.pending.approvalCode;
      expect(await f.intune.getAssignments(app)).toEqual(before);
      expect(await f.intune.approvalStatus(code)).toBe('needsApproval');
      f.decide(code, 'approve');
      expect(await f.intune.approvalStatus(code)).toBe('approved');
      expect(await f.intune.replay(result.pending)).toMatchObject({
        requestId: expect.any(String),
      });
      const after = await f.intune.getAssignments(app);
      expect(shapes(after.slice(0, before.length))).toEqual(shapes(before));
      expect(after[before.length]).toMatchObject({ target: added.target, intent: 'required' });
    });

    test('a held write an administrator rejected is never applied', async () => {
      const before = await f.intune.getAssignments(app);
      f.requireApproval();
      const next = [
        ...before.map(keep),
        { kind: 'add' as const, requested: includeOf(f.freeGroups[1], 'required') },
      ];
      const result = await f.intune.writeAssignments(app, next, OPTIONS);
      if (result.status !== 'held') throw new AppError('invalid-state', 'the write was not held');

      f.decide(result.pending.approvalCode, 'reject');

      expect(await f.intune.approvalStatus(result.pending.approvalCode)).toBe('rejected');
      await expect(f.intune.replay(result.pending)).rejects.toBeInstanceOf(AppError);
      expect(await f.intune.getAssignments(app)).toEqual(before);
    });
  });
}

function sameTarget(a: CurrentAssignment, b: CurrentAssignment): boolean {
  return JSON.stringify(a.target) === JSON.stringify(b.target);
}
