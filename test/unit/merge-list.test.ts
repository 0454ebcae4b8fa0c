import type {
  AssignmentTarget,
  CurrentAssignment,
  FilterRef,
  Intent,
  MergeOutcome,
  RequestableTarget,
  RequestedAssignment,
} from '../../src/domain/assignment';
import { mergeAssignment } from '../../src/domain/merge';
import { emptiesItem, listInPlace, mergeAssignments } from '../../src/domain/merge-list';
import { conflictWithin, MAX_TARGETS, requestedList } from '../../src/domain/request-list';
import type { AssignmentRequest } from '../../src/domain/request';

interface Payload {
  id: string;
}

const SALES = 'a1a1a1a1-0000-0000-0000-000000000001';
const MARKETING = 'b2b2b2b2-0000-0000-0000-000000000002';
const CONTRACTORS = 'c3c3c3c3-0000-0000-0000-000000000003';
const PILOT = 'd4d4d4d4-0000-0000-0000-000000000004';
const CORP: FilterRef = { id: 'f-corp', mode: 'include' };

const include = (groupId: string): RequestableTarget => ({
  kind: 'group',
  groupId,
  exclude: false,
});
const exclude = (groupId: string): RequestableTarget => ({ kind: 'group', groupId, exclude: true });

let nextId = 0;
function current(
  target: AssignmentTarget,
  extra: { intent?: Intent; filter?: FilterRef; fromPolicySet?: boolean } = {},
): CurrentAssignment<Payload> {
  nextId += 1;
  return { target, fromPolicySet: false, payload: { id: `asg-${nextId}` }, ...extra };
}

const add = (
  target: RequestableTarget,
  targetName: string,
  intent?: Intent,
): RequestedAssignment => ({
  target,
  targetName,
  intent,
});
const remove = (target: RequestableTarget, targetName: string): RequestedAssignment => ({
  action: 'remove',
  target,
  targetName,
});

function expectWrite(outcome: MergeOutcome<Payload>) {
  if (outcome.kind !== 'write') throw new Error(`expected a write, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const texts = (outcome: MergeOutcome<unknown>) =>
  outcome.kind === 'refused' ? [outcome.message] : outcome.diff.map((d) => d.text);

describe('merging several requested assignments into one write', () => {
  test('two includes and an exclusion are one write that keeps every existing assignment as it was', () => {
    const existing = [
      current(include(PILOT), { intent: 'available' }),
      current({ kind: 'allDevices' }, { intent: 'required', filter: CORP }),
    ];
    const outcome = expectWrite(
      mergeAssignments(existing, [
        add(include(SALES), 'Sales', 'required'),
        add(include(MARKETING), 'Marketing', 'required'),
        add(exclude(CONTRACTORS), 'Contractors', 'required'),
      ]),
    );
    expect(outcome.diff.map((d) => d.text)).toEqual([
      '+ Sales (required)',
      '+ Marketing (required)',
      '+ Exclude Contractors (required)',
    ]);
    expect(outcome.kept).toBe(2);
    expect(outcome.next.slice(0, 2)).toEqual(existing.map((a) => ({ kind: 'keep', current: a })));
    expect(outcome.next.slice(2).map((e) => e.kind)).toEqual(['add', 'add', 'add']);
  });

  test('one entry merges exactly as the single-entry merge does', () => {
    const existing = [current(include(SALES), { intent: 'available' })];
    const one = add(include(SALES), 'Sales', 'required');
    expect(mergeAssignments(existing, [one])).toEqual(mergeAssignment(existing, one));
  });

  test('removing an exclusion drops exactly that entry and keeps the others in order', () => {
    const pilot = current(include(PILOT), { intent: 'required' });
    const contractors = current(exclude(CONTRACTORS), { intent: 'required' });
    const devices = current({ kind: 'allDevices' }, { intent: 'required' });
    const outcome = expectWrite(
      mergeAssignments(
        [pilot, contractors, devices],
        [remove(exclude(CONTRACTORS), 'Contractors')],
      ),
    );
    expect(outcome.diff).toEqual([{ kind: 'remove', text: '- Exclude Contractors (required)' }]);
    expect(outcome.next).toEqual([
      { kind: 'keep', current: pilot },
      { kind: 'keep', current: devices },
    ]);
    expect(outcome.kept).toBe(2);
  });

  test('removing an include with a filter removes that entry and names its filter', () => {
    const sales = current(include(SALES), { intent: 'required', filter: CORP });
    const outcome = expectWrite(
      mergeAssignments(
        [sales, current({ kind: 'allUsers' }, { intent: 'available' })],
        [remove(include(SALES), 'Sales')],
        { filter: (id) => (id === CORP.id ? 'Corporate devices' : undefined) },
      ),
    );
    expect(texts(outcome)).toEqual(['- Sales (required, filter: Corporate devices include)']);
    expect(outcome.next).toHaveLength(1);
  });

  test('removing an include leaves an exclusion of the same group alone, and the other way round', () => {
    const salesOut = current(exclude(SALES), { intent: 'required' });
    const outcome = mergeAssignments([salesOut], [remove(include(SALES), 'Sales')]);
    expect(outcome.kind).toBe('already-assigned');
    expect(texts(outcome)).toEqual(['= Sales is not assigned; nothing to remove']);
  });

  test('removing the last assignment is a write of an empty set, which only an explicit removal makes', () => {
    const only = current({ kind: 'allUsers' }, { intent: 'available' });
    const outcome = mergeAssignments([only], [remove({ kind: 'allUsers' }, 'All users')]);
    expect(expectWrite(outcome)).toMatchObject({ next: [], kept: 0 });
    expect(texts(outcome)).toEqual(['- All users (available)']);
    expect(emptiesItem(outcome)).toBe(true);
  });

  test('a removal of an assignment that is gone, with nothing else to do, is "already" with no write', () => {
    const outcome = mergeAssignments(
      [current(include(PILOT), { intent: 'required' })],
      [remove(include(SALES), 'Sales')],
    );
    expect(outcome).toEqual({
      kind: 'already-assigned',
      diff: [{ kind: 'unchanged', text: '= Sales is not assigned; nothing to remove' }],
      kept: 1,
    });
  });

  test('remove one and add another: a "-" line, a "+" line and a change in place in one write', () => {
    const pilot = current(include(PILOT), { intent: 'available' });
    const sales = current(include(SALES), { intent: 'required' });
    const outcome = expectWrite(
      mergeAssignments(
        [pilot, sales],
        [
          remove(include(SALES), 'Sales'),
          add(include(MARKETING), 'Marketing', 'required'),
          add(include(PILOT), 'Pilot', 'required'),
        ],
      ),
    );
    expect(texts(outcome)).toEqual([
      '- Sales (required)',
      '+ Marketing (required)',
      '~ Pilot: available -> required',
    ]);
    expect(outcome.next.map((e) => e.kind)).toEqual(['change', 'add']);
    expect(outcome.kept).toBe(0);
    expect(emptiesItem(outcome)).toBe(false);
  });

  test('the same group twice, or included and excluded, is refused and nothing is written', () => {
    const twice = mergeAssignments(
      [],
      [add(include(SALES), 'Sales', 'required'), add(include(SALES), 'Sales', 'available')],
    );
    expect(twice).toMatchObject({ kind: 'refused', code: 'target-conflict' });
    const both = mergeAssignments(
      [],
      [add(include(SALES), 'Sales', 'required'), add(exclude(SALES), 'Sales', 'required')],
    );
    expect(texts(both)[0]).toMatch(
      /Sales and Exclude Sales: an include and an exclusion of the same group conflict/,
    );
  });

  test('one refused entry refuses the whole list', () => {
    const outcome = mergeAssignments(
      [current(exclude(MARKETING), { intent: 'required' })],
      [add(include(SALES), 'Sales', 'required'), add(include(MARKETING), 'Marketing', 'required')],
    );
    expect(outcome).toMatchObject({ kind: 'refused', code: 'target-conflict' });
  });

  test('an item with policy-set assignments is refused, removals included', () => {
    const outcome = mergeAssignments(
      [current(include(SALES), { intent: 'required', fromPolicySet: true })],
      [remove(include(SALES), 'Sales')],
    );
    expect(outcome).toMatchObject({ kind: 'refused', code: 'policy-set' });
  });

  test('an empty list is refused', () => {
    expect(mergeAssignments([], [])).toMatchObject({ kind: 'refused', code: 'invalid-request' });
  });

  test('more than the cap of targets is a conflict with a clear message', () => {
    const many = Array.from({ length: MAX_TARGETS + 1 }, (_, i) =>
      add(include(`0000000${i}-0000-0000-0000-000000000000`), `Group ${i}`, 'required'),
    );
    expect(conflictWithin(many)).toBe(
      `A request holds at most ${MAX_TARGETS} targets. Submit this one and start another request for the rest.`,
    );
    expect(conflictWithin(many.slice(0, MAX_TARGETS))).toBeUndefined();
  });
});

describe('whether a set holds what a list of requested assignments asks for', () => {
  test('adds in place and removed targets gone is in place; a removed target still there is not', () => {
    const set = [current(include(SALES), { intent: 'required' })];
    const list = [add(include(SALES), 'Sales', 'required'), remove(exclude(CONTRACTORS), 'C')];
    expect(listInPlace(set, list)).toBe(true);
    expect(listInPlace([...set, current(exclude(CONTRACTORS))], list)).toBe(false);
  });
});

describe('the list a stored request asks for', () => {
  const base = { id: 'r', revision: 1, status: 'pending', tenantId: 't', attempts: 0 } as const;
  const person = { id: 'u', name: 'U' };

  test('a request stored before several targets existed reads as a one-entry list', () => {
    const old: AssignmentRequest = {
      ...base,
      requester: person,
      createdAt: '',
      updatedAt: '',
      target: include(SALES),
      targetName: 'Sales',
      intent: 'required',
    };
    expect(requestedList(old)).toEqual([
      { target: include(SALES), targetName: 'Sales', intent: 'required', filter: undefined },
    ]);
  });

  test('the stored list comes first, then the entry being edited', () => {
    const request: AssignmentRequest = {
      ...base,
      requester: person,
      createdAt: '',
      updatedAt: '',
      assignments: [remove(exclude(CONTRACTORS), 'Contractors')],
      target: include(SALES),
      targetName: 'Sales',
      intent: 'required',
    };
    expect(requestedList(request).map((r) => r.action ?? 'add')).toEqual(['remove', 'add']);
  });
});
