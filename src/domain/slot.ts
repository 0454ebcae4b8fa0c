import type {
  AssignmentTarget,
  CurrentAssignment,
  FilterRef,
  RequestableTarget,
  RequestedAssignment,
} from './assignment';

/**
 * True when an existing target occupies the same "slot" as a requested one. Intune holds a group
 * once per app whether it is included or excluded, so groups match on their id alone; All users
 * and All devices each form one slot. `other` targets (the bot never creates them) match nothing.
 * Group ids are GUIDs, compared without regard to case.
 */
export function sameSlot(existing: AssignmentTarget, requested: RequestableTarget): boolean {
  if (existing.kind === 'group' && requested.kind === 'group') {
    return existing.groupId.toLowerCase() === requested.groupId.toLowerCase();
  }
  return existing.kind !== 'other' && existing.kind === requested.kind;
}

/** True for an exclusion target; All users, All devices and `other` are never exclusions here. */
export function isExclusion(target: AssignmentTarget): boolean {
  return target.kind === 'group' && target.exclude;
}

/**
 * True when the existing assignment already has the requested intent. A requested exclusion may
 * leave the intent out (an exclusion needs none), and then any existing intent satisfies it.
 */
export function sameIntent(
  existing: CurrentAssignment<unknown>,
  requested: RequestedAssignment,
): boolean {
  if (requested.intent === undefined && isExclusion(requested.target)) return true;
  return existing.intent === requested.intent;
}

/** True when both filters are absent, or both point at the same filter in the same mode. */
export function sameFilter(
  existing: FilterRef | undefined,
  requested: FilterRef | undefined,
): boolean {
  if (existing === undefined || requested === undefined) return existing === requested;
  return existing.id === requested.id && existing.mode === requested.mode;
}
