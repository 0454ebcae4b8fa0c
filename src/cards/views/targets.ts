import type { RequestedAssignment } from '../../domain/assignment';
import type { AssignmentRequest } from '../../domain/request';
import { describeSettings } from '../../domain/settings-words';
import { isRemoval, MAX_TARGETS, requestedList } from '../../domain/request-list';
import type { Fact } from './facts';
import { filterLabel, intentLabel, targetLabel } from './labels';
import type { Choice } from './options';
import type { WizardContext } from './wizard-context';

/** One row per target of a request: `Target: Include Sales · Required`, `Remove: Exclude Contractors`. */
export function entryFacts(list: readonly RequestedAssignment[]): Fact[] {
  return list.map((entry) => {
    const parts = [targetLabel(entry.target, entry.targetName)];
    if (isRemoval(entry)) return { title: 'Remove', value: parts[0] ?? '' };
    if (entry.intent !== undefined) parts.push(intentLabel(entry.intent));
    if (entry.filter !== undefined) parts.push(`filter ${filterLabel(entry.filter)}`);
    parts.push(...describeSettings(entry.settings));
    return { title: 'Target', value: parts.join(' · ') };
  });
}

/** True when a request carries more than its one top-level target (several, or a removal). */
export function hasTargetList(request: AssignmentRequest): boolean {
  return (request.assignments?.length ?? 0) > 0;
}

/** The request's targets as rows, for a request that carries a list; none otherwise. */
export function listFacts(request: AssignmentRequest): Fact[] {
  return hasTargetList(request) ? entryFacts(requestedList(request)) : [];
}

/**
 * What the review says of a write that leaves the item with nothing: only an explicit removal of
 * its last assignments does that, and the review must say so plainly. Empty otherwise.
 */
export function noAssignmentsLeft(request: AssignmentRequest): string {
  const diff = request.diff ?? [];
  const removes = diff.some((line) => line.kind === 'remove');
  const onlyRemoves = diff.every((line) => line.kind === 'remove' || line.kind === 'unchanged');
  if (request.kept !== 0 || !removes || !onlyRemoves) return '';
  const noun = request.item?.kind === 'app' ? 'app' : 'policy';
  return `After this change the ${noun} has no assignments.`;
}

/** The removal picker of the target and review steps. */
export interface RemovalPart {
  removeChoices: Choice[];
  hasRemovable: boolean;
  removeKey: string;
  showAddTarget: boolean;
}

export function removalPart(draft: AssignmentRequest, ctx: WizardContext): RemovalPart {
  const choices = ctx.removable ?? [];
  const room = requestedList(draft).length < MAX_TARGETS;
  return {
    removeChoices: choices,
    hasRemovable: choices.length > 0 && room,
    removeKey: choices[0]?.value ?? '',
    showAddTarget: room,
  };
}
