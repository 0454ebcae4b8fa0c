import {
  ALL_DEVICES_NAME,
  ALL_USERS_NAME,
  type AssignmentTarget,
  type CurrentAssignment,
  type DiffLine,
  type MergeOutcome,
  type MergeRefusalCode,
  type NextEntry,
  type RequestedAssignment,
} from './assignment';
import { addLine, changeLine, unchangedLine, type FilterNamer } from './diff-lines';
import { settingsHold } from './settings-change';
import { isExclusion, sameFilter, sameIntent, sameSlot } from './slot';

/** Looks up the display name of an existing target (e.g. a group's name), if known. */
export type TargetNamer = (target: AssignmentTarget) => string | undefined;

/** How existing targets and filters are named in messages and diff lines. */
export interface Namers {
  target?: TargetNamer;
  filter?: FilterNamer;
}

/**
 * Merges one requested assignment into the current set of an app or configuration policy.
 *
 * Intune's assign action replaces the whole set, so a `write` outcome's `next` holds every current
 * assignment as `keep` (same order, payload untouched) except at most one `change` in place, plus
 * at most one `add` at the end: never empty, never a duplicate slot (see {@link sameSlot}).
 * A request that re-states an existing assignment is `already-assigned` (no write). It is
 * `refused` when any assignment comes from a policy set (a re-post's effect is undocumented),
 * when the request is invalid (a filter on an exclusion, an empty group id), when it would include
 * a group that is excluded or exclude one that is included, or if `next` would be empty.
 * `names` names policy-set assignments in the refusal and existing filters in diff lines. Pure: no I/O, and
 * the input array is not mutated.
 */
export function mergeAssignment<P>(
  current: readonly CurrentAssignment<P>[],
  requested: RequestedAssignment,
  names: Namers = {},
): MergeOutcome<P> {
  const fromSet = policySetRefusal(current, names.target);
  if (fromSet !== undefined) return refuse(fromSet.code, fromSet.message);
  const invalid = validate(requested);
  if (invalid !== undefined) return refuse('invalid-request', invalid);

  const inSlot = current.filter((a) => sameSlot(a.target, requested.target));
  if (inSlot.some((a) => isExclusion(a.target) !== isExclusion(requested.target))) {
    return refuse('target-conflict', conflictMessage(requested));
  }
  const inPlace = (a: CurrentAssignment<P>) =>
    sameIntent(a, requested) &&
    sameFilter(a.filter, requested.filter) &&
    settingsHold(a, requested);
  if (inSlot.some(inPlace)) {
    return { kind: 'already-assigned', diff: [unchangedLine(requested)], kept: current.length };
  }
  const existing = inSlot[0];
  if (existing === undefined) {
    const next: NextEntry<P>[] = current.map(keep);
    return write([...next, { kind: 'add', requested }], addLine(requested));
  }
  const at = current.indexOf(existing);
  const next = current.map((a, i): NextEntry<P> => (i === at ? changed(a, requested) : keep(a)));
  return write(next, changeLine(existing, requested, names.filter));
}

/** The reason a request cannot be written whatever the current set holds, if any. */
function validate(requested: RequestedAssignment): string | undefined {
  const target = requested.target;
  if (target.kind === 'group' && target.groupId.trim() === '') {
    return 'The request names a group without an id; choose the group again.';
  }
  if (isExclusion(target) && requested.filter !== undefined) {
    return `${requested.targetName} is an exclusion with an assignment filter; Intune does not support filters on exclusions. Remove the filter or include the group instead.`;
  }
  if (isExclusion(target) && requested.settings !== undefined) {
    return `${requested.targetName} is an exclusion with assignment settings; Intune keeps no settings on exclusions.`;
  }
  return undefined;
}

function conflictMessage(requested: RequestedAssignment): string {
  const name = requested.targetName;
  const conflict = 'an include and an exclusion of the same group conflict.';
  return isExclusion(requested.target)
    ? `${name} is assigned to this app; ${conflict} Remove the assignment in Intune first.`
    : `${name} is excluded from this app; ${conflict} Remove the exclusion in Intune first.`;
}

/**
 * Why the bot will not assign an item, when any of its current assignments come from a policy
 * set: re-posting them has undocumented effects, so they are changed in Intune only. The message
 * names those targets (through `names` where given). The merge refuses with it, and the wizard
 * when the item is chosen, so nobody fills in a request that cannot be written. Undefined when no
 * assignment comes from a policy set.
 */
export function policySetRefusal<P>(
  current: readonly CurrentAssignment<P>[],
  names?: TargetNamer,
): { code: 'policy-set'; message: string } | undefined {
  const fromSet = current.filter((a) => a.fromPolicySet);
  if (fromSet.length === 0) return undefined;
  const which = fromSet.map((a) => targetName(a.target, names)).join(', ');
  const message =
    `This app's assignments come from a policy set (${which}); change them in Intune. ` +
    'Re-posting assignments that come from a policy set has undocumented effects, so the bot does not write them.';
  return { code: 'policy-set', message };
}

function targetName(target: AssignmentTarget, names?: TargetNamer): string {
  const known = names?.(target);
  if (known !== undefined) return known;
  if (target.kind === 'group') return target.exclude ? `Exclude ${target.groupId}` : target.groupId;
  if (target.kind === 'allUsers') return ALL_USERS_NAME;
  if (target.kind === 'allDevices') return ALL_DEVICES_NAME;
  return target.description;
}

function keep<P>(current: CurrentAssignment<P>): NextEntry<P> {
  return { kind: 'keep', current };
}

function changed<P>(current: CurrentAssignment<P>, requested: RequestedAssignment): NextEntry<P> {
  return { kind: 'change', current, requested };
}

/** The `write` outcome, guarding the product's invariant that the posted set is never empty. */
function write<P>(next: NextEntry<P>[], line: DiffLine): MergeOutcome<P> {
  return (
    guardNonEmpty(next) ?? {
      kind: 'write',
      next,
      diff: [line],
      kept: next.filter((e) => e.kind === 'keep').length,
    }
  );
}

/**
 * Refuses an empty `next`: Intune deletes every assignment when the set posted is empty. One
 * requested assignment always yields at least one entry; this states the invariant in code.
 */
export function guardNonEmpty<P>(next: readonly NextEntry<P>[]): MergeOutcome<P> | undefined {
  if (next.length > 0) return undefined;
  return refuse(
    'empty-set',
    'The merged assignment set is empty; posting it would delete every assignment.',
  );
}

function refuse<P>(code: MergeRefusalCode, message: string): MergeOutcome<P> {
  return { kind: 'refused', code, message };
}
