import type { RequestedAssignment } from './assignment';
import type { AssignmentRequest } from './request';
import { isExclusion, sameSlot } from './slot';

/** The most targets (adds and removals) one request may carry: one review stays readable. */
export const MAX_TARGETS = 10;

/** True for an entry that removes an existing assignment. */
export const isRemoval = (requested: RequestedAssignment): boolean => requested.action === 'remove';

/**
 * The entry of the top-level `target` fields (the one the wizard edits, and the only one of a
 * request stored before requests carried several), or undefined before a target is chosen.
 */
export function currentEntry(request: AssignmentRequest): RequestedAssignment | undefined {
  if (request.target === undefined) return undefined;
  return {
    target: request.target,
    targetName: request.targetName ?? request.target.kind,
    intent: request.intent,
    filter: request.filter,
    ...(request.settings === undefined ? {} : { settings: request.settings }),
  };
}

/**
 * Every assignment a request asks for, in order: `assignments`, then the top-level entry. A request
 * stored with the top-level fields only reads as a one-entry list. Use this everywhere the request's
 * targets are read.
 */
export function requestedList(request: AssignmentRequest): RequestedAssignment[] {
  const edited = currentEntry(request);
  return [...(request.assignments ?? []), ...(edited ? [edited] : [])];
}

/** `Sales`, `Exclude Sales`, `All users`: how an entry's target reads in messages. */
export function entryLabel(requested: Pick<RequestedAssignment, 'target' | 'targetName'>): string {
  return isExclusion(requested.target) ? `Exclude ${requested.targetName}` : requested.targetName;
}

/**
 * Why `candidate` cannot join `list` in one request, or undefined: a target appears once per
 * request (the same group twice, or an include and an exclusion of one group, would make one
 * review say two things of one assignment), and a request holds at most {@link MAX_TARGETS}.
 */
export function listConflict(
  list: readonly RequestedAssignment[],
  candidate: RequestedAssignment,
): string | undefined {
  const clash = list.find((r) => sameSlot(r.target, candidate.target));
  if (clash !== undefined) {
    const both = `${entryLabel(clash)} and ${entryLabel(candidate)}`;
    return clash.target.kind === 'group' &&
      isExclusion(clash.target) !== isExclusion(candidate.target)
      ? `This request already has ${both}: an include and an exclusion of the same group conflict. Choose another group.`
      : `This request already has ${entryLabel(clash)}; each target appears once in a request. Choose another target.`;
  }
  if (list.length >= MAX_TARGETS) {
    return `A request holds at most ${MAX_TARGETS} targets. Submit this one and start another request for the rest.`;
  }
  return undefined;
}

/** The first conflict within a whole list (see {@link listConflict}), or undefined. */
export function conflictWithin(list: readonly RequestedAssignment[]): string | undefined {
  for (let i = 1; i < list.length; i += 1) {
    const candidate = list[i];
    const conflict = candidate && listConflict(list.slice(0, i), candidate);
    if (conflict !== undefined) return conflict;
  }
  return undefined;
}

/**
 * A request's targets in one line, e.g. `Sales, Marketing, Exclude Contractors` or
 * `remove Exclude Contractors`: for messages that name what a request does.
 */
export function targetsSummary(request: AssignmentRequest): string {
  return requestedList(request)
    .map((r) => (isRemoval(r) ? `remove ${entryLabel(r)}` : entryLabel(r)))
    .join(', ');
}
