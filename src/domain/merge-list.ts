import type {
  CurrentAssignment,
  DiffLine,
  MergeOutcome,
  MergeRefusalCode,
  NextEntry,
  RequestedAssignment,
} from './assignment';
import { notAssignedLine, removeLine } from './diff-lines';
import { mergeAssignment, policySetRefusal, type Namers } from './merge';
import { conflictWithin, isRemoval } from './request-list';
import { isExclusion, sameSlot } from './slot';
import { isInPlace } from './shapes';

/** The current assignment a removal takes out: its target, the same way round. */
function removedIndex<P>(
  current: readonly CurrentAssignment<P>[],
  requested: RequestedAssignment,
): number {
  return current.findIndex(
    (a) =>
      sameSlot(a.target, requested.target) &&
      isExclusion(a.target) === isExclusion(requested.target),
  );
}

/**
 * Merges every assignment a request asks for into the current set, for ONE write of the full set.
 *
 * Each add follows the single-entry rules of {@link mergeAssignment} (a change in place, an add at
 * the end, a re-statement is unchanged); a removal drops the current assignment of its target
 * (the same way round, whatever its intent or filter) and keeps every other one verbatim, or reads
 * `= ... is not assigned` when it is gone. The list is refused when a target appears twice (see
 * `listConflict`), when any assignment comes from a policy set, or when any add is refused. When
 * every line is unchanged the outcome is `already-assigned` (nothing to write). A `write` may hold
 * an empty `next` only when the request removes the item's last assignments explicitly: the
 * review says so (`kept` 0 with only `-` lines). Pure: no I/O, inputs not mutated.
 */
export function mergeAssignments<P>(
  current: readonly CurrentAssignment<P>[],
  requested: readonly RequestedAssignment[],
  names: Namers = {},
): MergeOutcome<P> {
  if (requested.length === 0) return refused('invalid-request', 'The request names no target yet.');
  const fromSet = policySetRefusal(current, names.target);
  if (fromSet !== undefined) return refused(fromSet.code, fromSet.message);
  const conflict = conflictWithin(requested);
  if (conflict !== undefined) return refused('target-conflict', conflict);

  const next: (NextEntry<P> | undefined)[] = current.map((a) => ({ kind: 'keep', current: a }));
  const added: NextEntry<P>[] = [];
  const diff: DiffLine[] = [];
  for (const entry of requested) {
    if (isRemoval(entry)) {
      const at = removedIndex(current, entry);
      const existing = current[at];
      diff.push(existing ? removeLine(existing, entry, names.filter) : notAssignedLine(entry));
      if (existing) next[at] = undefined;
      continue;
    }
    const one = mergeAssignment(current, entry, names);
    if (one.kind === 'refused') return one;
    diff.push(...one.diff);
    const made = one.kind === 'write' ? one.next.find((e) => e.kind !== 'keep') : undefined;
    if (made?.kind === 'change') next[current.indexOf(made.current)] = made;
    else if (made !== undefined) added.push(made);
  }
  if (diff.every((line) => line.kind === 'unchanged')) {
    return { kind: 'already-assigned', diff, kept: current.length };
  }
  const all = [...next.filter((e): e is NextEntry<P> => e !== undefined), ...added];
  return { kind: 'write', next: all, diff, kept: all.filter((e) => e.kind === 'keep').length };
}

/**
 * True when the set holds what the request asks for: every add in place (see `isInPlace`) and no
 * assignment of a removed target, the same way round. The check after a write uses it.
 */
export function listInPlace(
  current: readonly CurrentAssignment[],
  requested: readonly RequestedAssignment[],
): boolean {
  return requested.every((r) =>
    isRemoval(r) ? removedIndex(current, r) < 0 : isInPlace(current, r),
  );
}

/** True when a merged write empties the item: allowed only for a reviewed explicit removal. */
export function emptiesItem(outcome: MergeOutcome): boolean {
  return outcome.kind === 'write' && outcome.next.length === 0;
}

function refused<P>(code: MergeRefusalCode, message: string): MergeOutcome<P> {
  return { kind: 'refused', code, message };
}
