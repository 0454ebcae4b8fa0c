import type {
  AssignmentTarget,
  CurrentAssignment,
  FilterRef,
  Intent,
  MergeOutcome,
  NextEntry,
  RequestableTarget,
  RequestedAssignment,
} from '../../src/domain/assignment';
import { guardNonEmpty, mergeAssignment } from '../../src/domain/merge';
import { sameSlot } from '../../src/domain/slot';

interface Payload {
  id: string;
}

const SALES = 'a1a1a1a1-0000-0000-0000-000000000001';
const MARKETING = 'b2b2b2b2-0000-0000-0000-000000000002';
const CORP: FilterRef = { id: 'f-corp', mode: 'include' };
const CORP_NAMED = { ...CORP, name: 'Corporate devices' };

const include = (groupId: string): RequestableTarget => ({
  kind: 'group',
  groupId,
  exclude: false,
});
const exclude = (groupId: string): RequestableTarget => ({ kind: 'group', groupId, exclude: true });
const allUsers: RequestableTarget = { kind: 'allUsers' };
const allDevices: RequestableTarget = { kind: 'allDevices' };
const other: AssignmentTarget = { kind: 'other', description: 'Legacy target' };

let nextId = 0;
function current(
  target: AssignmentTarget,
  extra: { intent?: Intent; filter?: FilterRef; fromPolicySet?: boolean } = {},
): CurrentAssignment<Payload> {
  nextId += 1;
  return { target, fromPolicySet: false, payload: { id: `asg-${nextId}` }, ...extra };
}

function request(
  target: RequestableTarget,
  targetName: string,
  extra: { intent?: Intent; filter?: FilterRef & { name?: string } } = {},
): RequestedAssignment {
  return { target, targetName, ...extra };
}

function expectWrite(outcome: MergeOutcome<Payload>) {
  if (outcome.kind !== 'write') throw new Error(`expected a write, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function expectRefused(outcome: MergeOutcome<Payload>) {
  if (outcome.kind !== 'refused')
    throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** A set holding an `other` target and an unrelated group, so every add has neighbours to keep. */
function baseSet(): CurrentAssignment<Payload>[] {
  return [
    current(other, { intent: 'required' }),
    current(include(MARKETING), { intent: 'available' }),
  ];
}

describe('mergeAssignment adds a target the set does not hold', () => {
  test.each<[string, RequestedAssignment, string]>([
    [
      'an included group',
      request(include(SALES), 'Sales', { intent: 'required' }),
      '+ Sales (required)',
    ],
    ['an excluded group without an intent', request(exclude(SALES), 'Sales'), '+ Exclude Sales'],
    [
      'an excluded group with an intent',
      request(exclude(SALES), 'Sales', { intent: 'required' }),
      '+ Exclude Sales (required)',
    ],
    [
      'All users',
      request(allUsers, 'All users', { intent: 'available' }),
      '+ All users (available)',
    ],
    [
      'All devices',
      request(allDevices, 'All devices', { intent: 'required' }),
      '+ All devices (required)',
    ],
    [
      'a group with a filter',
      request(include(SALES), 'Sales', { intent: 'required', filter: CORP_NAMED }),
      '+ Sales (required, filter: Corporate devices include)',
    ],
    [
      'a group with an unnamed filter',
      request(include(SALES), 'Sales', {
        intent: 'required',
        filter: { id: 'f-9', mode: 'exclude' },
      }),
      '+ Sales (required, filter: a filter not found in Intune exclude)',
    ],
    ['a group for a configuration policy (no intent)', request(include(SALES), 'Sales'), '+ Sales'],
  ])('%s is appended after every kept assignment', (_name, requested, line) => {
    const set = baseSet();
    const outcome = expectWrite(mergeAssignment(set, requested));
    expect(outcome.next).toEqual([
      { kind: 'keep', current: set[0] },
      { kind: 'keep', current: set[1] },
      { kind: 'add', requested },
    ]);
    expect(outcome.diff).toEqual([{ kind: 'add', text: line }]);
    expect(outcome.kept).toBe(2);
  });

  test('an existing filter is named by the filter namer, never shown as its raw id', () => {
    const set = [current(include(SALES), { intent: 'required', filter: CORP })];
    const requested = request(include(SALES), 'Sales', { intent: 'required' });
    const named = expectWrite(
      mergeAssignment(set, requested, { filter: () => 'Corporate devices' }),
    );
    expect(named.diff).toEqual([
      { kind: 'change', text: '~ Sales: filter Corporate devices (include) -> none' },
    ]);
    const unnamed = expectWrite(mergeAssignment(set, requested));
    expect(unnamed.diff[0]?.text).not.toContain(CORP.id);
  });

  test('an empty current set gives exactly one add', () => {
    const requested = request(include(SALES), 'Sales', { intent: 'required' });
    const outcome = expectWrite(mergeAssignment<Payload>([], requested));
    expect(outcome.next).toEqual([{ kind: 'add', requested }]);
    expect(outcome.kept).toBe(0);
  });

  test('an other target is kept verbatim and never matches a requested target', () => {
    const set = [current(other, { intent: 'required' })];
    for (const target of [allUsers, allDevices, include(SALES)]) {
      const outcome = expectWrite(
        mergeAssignment(set, request(target, 'X', { intent: 'required' })),
      );
      expect(outcome.next[0]).toEqual({ kind: 'keep', current: set[0] });
      expect(outcome.next[1]?.kind).toBe('add');
    }
  });
});

describe('mergeAssignment changes the existing assignment of the same slot in place', () => {
  test.each<[string, CurrentAssignment<Payload>, RequestedAssignment, string]>([
    [
      'an intent change',
      current(include(SALES), { intent: 'available' }),
      request(include(SALES), 'Sales', { intent: 'required' }),
      '~ Sales: available -> required',
    ],
    [
      'an added filter',
      current(include(SALES), { intent: 'required' }),
      request(include(SALES), 'Sales', { intent: 'required', filter: CORP_NAMED }),
      '~ Sales: filter none -> Corporate devices (include)',
    ],
    [
      'a removed filter',
      current(include(SALES), { intent: 'required', filter: CORP }),
      request(include(SALES), 'Sales', { intent: 'required' }),
      '~ Sales: filter a filter not found in Intune (include) -> none',
    ],
    [
      'a filter mode change',
      current(include(SALES), { intent: 'required', filter: CORP }),
      request(include(SALES), 'Sales', {
        intent: 'required',
        filter: { ...CORP_NAMED, mode: 'exclude' },
      }),
      '~ Sales: filter Corporate devices (include) -> Corporate devices (exclude)',
    ],
    [
      'an intent and a filter change',
      current(include(SALES), { intent: 'available' }),
      request(include(SALES), 'Sales', { intent: 'required', filter: CORP_NAMED }),
      '~ Sales: available -> required; filter none -> Corporate devices (include)',
    ],
    [
      'All users with another intent',
      current(allUsers, { intent: 'available' }),
      request(allUsers, 'All users', { intent: 'required' }),
      '~ All users: available -> required',
    ],
    [
      'All devices with another filter',
      current(allDevices, { intent: 'required' }),
      request(allDevices, 'All devices', { intent: 'required', filter: CORP_NAMED }),
      '~ All devices: filter none -> Corporate devices (include)',
    ],
    [
      'an exclusion with another intent',
      current(exclude(SALES), { intent: 'required' }),
      request(exclude(SALES), 'Sales', { intent: 'uninstall' }),
      '~ Exclude Sales: required -> uninstall',
    ],
    [
      'a configuration policy with a new filter',
      current(include(SALES)),
      request(include(SALES), 'Sales', { filter: CORP_NAMED }),
      '~ Sales: filter none -> Corporate devices (include)',
    ],
  ])('%s keeps its position and says what changes', (_name, existing, requested, line) => {
    const set = [current(other), existing, current(include(MARKETING), { intent: 'required' })];
    const outcome = expectWrite(mergeAssignment(set, requested));
    expect(outcome.next).toEqual([
      { kind: 'keep', current: set[0] },
      { kind: 'change', current: existing, requested },
      { kind: 'keep', current: set[2] },
    ]);
    expect(outcome.diff).toEqual([{ kind: 'change', text: line }]);
    expect(outcome.kept).toBe(2);
  });
});

describe('mergeAssignment recognises a request that re-states an existing assignment', () => {
  test.each<[string, CurrentAssignment<Payload>, RequestedAssignment, string]>([
    [
      'an included group',
      current(include(SALES), { intent: 'required' }),
      request(include(SALES), 'Sales', { intent: 'required' }),
      '= Sales (required) is already assigned',
    ],
    [
      'a group id in another case',
      current(include(SALES.toUpperCase()), { intent: 'required' }),
      request(include(SALES), 'Sales', { intent: 'required' }),
      '= Sales (required) is already assigned',
    ],
    [
      'a group with the same filter',
      current(include(SALES), { intent: 'required', filter: CORP }),
      request(include(SALES), 'Sales', { intent: 'required', filter: CORP_NAMED }),
      '= Sales (required, filter: Corporate devices include) is already assigned',
    ],
    [
      'an exclusion requested without an intent',
      current(exclude(SALES), { intent: 'required' }),
      request(exclude(SALES), 'Sales'),
      '= Exclude Sales is already assigned',
    ],
    [
      'All users',
      current(allUsers, { intent: 'available' }),
      request(allUsers, 'All users', { intent: 'available' }),
      '= All users (available) is already assigned',
    ],
    [
      'All devices',
      current(allDevices, { intent: 'required' }),
      request(allDevices, 'All devices', { intent: 'required' }),
      '= All devices (required) is already assigned',
    ],
    [
      'a configuration policy',
      current(include(SALES)),
      request(include(SALES), 'Sales'),
      '= Sales is already assigned',
    ],
  ])('%s is already assigned, with nothing to write', (_name, existing, requested, line) => {
    const set = [current(other), existing];
    expect(mergeAssignment(set, requested)).toEqual({
      kind: 'already-assigned',
      diff: [{ kind: 'unchanged', text: line }],
      kept: 2,
    });
  });
});

describe('mergeAssignment never duplicates a slot', () => {
  const requests: [string, RequestableTarget][] = [
    ['All users', allUsers],
    ['All devices', allDevices],
    ['an included group', include(SALES)],
  ];
  const intents: Intent[] = ['required', 'available', 'uninstall'];
  test.each(requests.flatMap(([name, target]) => intents.map((i) => [name, target, i] as const)))(
    'a request for %s as %s over an existing one leaves the slot in next once',
    (_name, target, intent) => {
      const set = [current(target, { intent: 'available' }), current(include(MARKETING))];
      const outcome = mergeAssignment(set, request(target, 'X', { intent }));
      if (outcome.kind === 'already-assigned') {
        expect(intent).toBe('available');
        return;
      }
      const next = expectWrite(outcome).next;
      const targets = next.map((e) => (e.kind === 'add' ? e.requested.target : e.current.target));
      expect(targets.filter((t) => sameSlot(t, target))).toHaveLength(1);
      expect(next).toHaveLength(2);
    },
  );
});

describe('mergeAssignment refuses what it must not write', () => {
  test('an app with assignments from a policy set is refused, naming them', () => {
    const set = [
      current(include(MARKETING), { intent: 'required' }),
      current(allUsers, { intent: 'available', fromPolicySet: true }),
      current(include(SALES), { intent: 'required', fromPolicySet: true }),
    ];
    const names = (t: AssignmentTarget) =>
      t.kind === 'group' && t.groupId === SALES ? 'Sales' : undefined;
    const refusal = expectRefused(
      mergeAssignment(set, request(include(SALES), 'Sales', { intent: 'required' }), {
        target: names,
      }),
    );
    expect(refusal.code).toBe('policy-set');
    expect(refusal.message).toContain('policy set (All users, Sales)');
    expect(refusal.message).toContain('change them in Intune');
  });

  test.each<[string, CurrentAssignment<Payload>, RequestedAssignment, string]>([
    [
      'an include of an excluded group',
      current(exclude(SALES), { intent: 'required' }),
      request(include(SALES), 'Sales', { intent: 'required' }),
      'Sales is excluded from this app; an include and an exclusion of the same group conflict. Remove the exclusion in Intune first.',
    ],
    [
      'an exclusion of an included group',
      current(include(SALES), { intent: 'required' }),
      request(exclude(SALES), 'Sales'),
      'Sales is assigned to this app; an include and an exclusion of the same group conflict. Remove the assignment in Intune first.',
    ],
  ])('%s is a target conflict', (_name, existing, requested, message) => {
    const outcome = mergeAssignment([existing], requested);
    expect(outcome).toEqual({ kind: 'refused', code: 'target-conflict', message });
  });

  test.each<[string, RequestedAssignment, string]>([
    [
      'a filter on an exclusion',
      request(exclude(SALES), 'Sales', { filter: CORP_NAMED }),
      'Intune does not support filters on exclusions',
    ],
    [
      'a group with an empty id',
      request(include(''), 'Sales', { intent: 'required' }),
      'without an id',
    ],
    [
      'a group with a blank id',
      request(include('  '), 'Sales', { intent: 'required' }),
      'without an id',
    ],
  ])('%s is an invalid request', (_name, requested, text) => {
    const refusal = expectRefused(mergeAssignment(baseSet(), requested));
    expect(refusal.code).toBe('invalid-request');
    expect(refusal.message).toContain(text);
  });

  test('the guard refuses an empty next set and lets any other through', () => {
    expect(guardNonEmpty<Payload>([])).toEqual({
      kind: 'refused',
      code: 'empty-set',
      message: expect.stringContaining('delete every assignment'),
    });
    const one: NextEntry<Payload>[] = [{ kind: 'keep', current: current(allUsers) }];
    expect(guardNonEmpty(one)).toBeUndefined();
  });
});

describe('mergeAssignment leaves its input alone', () => {
  const cases: [string, RequestedAssignment][] = [
    ['an add', request(include(SALES), 'Sales', { intent: 'required' })],
    ['a change', request(include(MARKETING), 'Marketing', { intent: 'required' })],
  ];

  test.each(cases)(
    'every keep entry of %s holds the very same object as the input',
    (_n, requested) => {
      const set = baseSet();
      const outcome = expectWrite(mergeAssignment(set, requested));
      for (const entry of outcome.next) {
        if (entry.kind !== 'keep') continue;
        const original = set.find((a) => a === entry.current);
        expect(entry.current).toBe(original);
        expect(entry.current.payload).toBe(original?.payload);
      }
      expect(outcome.next.filter((e) => e.kind === 'keep')).toHaveLength(outcome.kept);
    },
  );

  test.each(cases)('%s does not mutate the input array or its entries', (_n, requested) => {
    const set = baseSet();
    const before = structuredClone(set);
    const items = [...set];
    mergeAssignment(set, requested);
    expect(set).toEqual(before);
    set.forEach((a, i) => expect(a).toBe(items[i]));
  });
});
