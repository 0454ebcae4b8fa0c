import type {
  AssignmentTarget,
  CurrentAssignment,
  FilterRef,
  Intent,
  NextEntry,
  RequestedAssignment,
} from './assignment';
import { settingsHold } from './settings-change';
import { isExclusion, sameFilter, sameIntent, sameSlot } from './slot';

/**
 * Assignment sets compared by what they mean. Graph's assign takes no ETag, so after every write
 * the bot reads the set again and compares it with what it posted; a difference means someone
 * changed the item meanwhile, or an earlier write landed late. The comparison is on target,
 * intent and filter, which Graph reports back exactly, not on payloads, whose defaults and
 * `@odata.type` spellings Graph may normalise.
 */

function targetKey(target: AssignmentTarget): string {
  if (target.kind === 'group') {
    return `${target.exclude ? 'exclude' : 'include'}:${target.groupId.toLowerCase()}`;
  }
  return target.kind === 'other' ? `other:${target.description}` : target.kind;
}

function shape(target: AssignmentTarget, intent?: Intent, filter?: FilterRef): string {
  const filterKey = filter ? `${filter.id.toLowerCase()}:${filter.mode}` : '-';
  return `${targetKey(target)}|${intent ?? '-'}|${filterKey}`;
}

/** The shapes of a set as read, sorted: two sets mean the same when their shapes are equal. */
export function shapesOf(current: readonly CurrentAssignment[]): string[] {
  return current.map((a) => shape(a.target, a.intent, a.filter)).sort();
}

/** The shapes the set will have once `next` is posted and applied. */
export function shapesAfter(next: readonly NextEntry[]): string[] {
  return next
    .map((entry) => {
      if (entry.kind === 'keep') {
        const a = entry.current;
        return shape(a.target, a.intent, a.filter);
      }
      const r = entry.requested;
      const intent = entry.kind === 'change' ? (r.intent ?? entry.current.intent) : r.intent;
      return shape(r.target, intent, r.filter);
    })
    .sort();
}

/** True when both lists hold the same shapes (as sorted by the functions above). */
export function sameShapes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * True when the set already holds the requested assignment: its target in the same slot, the
 * same way round (include or exclude), with the same intent and filter, and the settings it chose.
 */
export function isInPlace(
  current: readonly CurrentAssignment[],
  requested: RequestedAssignment,
): boolean {
  return current.some(
    (a) =>
      sameSlot(a.target, requested.target) &&
      isExclusion(a.target) === isExclusion(requested.target) &&
      sameIntent(a, requested) &&
      sameFilter(a.filter, requested.filter) &&
      settingsHold(a, requested),
  );
}
