import type { CurrentAssignment, DiffLine, FilterRef, RequestedAssignment } from './assignment';
import { describeSettings, settingsChanges } from './settings-words';
import { isExclusion, sameFilter, sameIntent } from './slot';

type NamedFilter = FilterRef & { name?: string };

/** Looks up an assignment filter's display name by id, if known. */
export type FilterNamer = (filterId: string) => string | undefined;

/** Shown for a filter whose name is not known: never its raw id, which tells a reviewer nothing. */
export const UNNAMED_FILTER = 'a filter not found in Intune';

/** `Sales`, or `Exclude Sales` for an exclusion, so that a reviewer never mistakes one for the other. */
function label(requested: RequestedAssignment): string {
  const name = requested.targetName;
  return isExclusion(requested.target) ? `Exclude ${name}` : name;
}

/**
 * The intent, filter and chosen settings in parentheses, e.g. ` (required, filter: Corporate
 * devices include, notifications: hide all)`.
 */
function details(requested: RequestedAssignment): string {
  const parts: string[] = [];
  if (requested.intent !== undefined) parts.push(requested.intent);
  const filter = requested.filter;
  if (filter !== undefined) parts.push(`filter: ${filter.name ?? UNNAMED_FILTER} ${filter.mode}`);
  parts.push(...describeSettings(requested.settings));
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * A filter as `Corporate devices (include)`, or `none`. An existing filter is known by id only: it
 * borrows the requested filter's name when both are the same filter, else `names` names it.
 */
function describeFilter(
  filter: FilterRef | undefined,
  requested: NamedFilter | undefined,
  names?: FilterNamer,
): string {
  if (filter === undefined) return 'none';
  const name = requested !== undefined && requested.id === filter.id ? requested.name : undefined;
  return `${name ?? names?.(filter.id) ?? UNNAMED_FILTER} (${filter.mode})`;
}

/** The review line for a new assignment appended to the set, e.g. `+ Sales (required)`. */
export function addLine(requested: RequestedAssignment): DiffLine {
  return { kind: 'add', text: `+ ${label(requested)}${details(requested)}` };
}

/** The review line for a request that re-states an existing assignment. */
export function unchangedLine(requested: RequestedAssignment): DiffLine {
  return {
    kind: 'unchanged',
    text: `= ${label(requested)}${details(requested)} is already assigned`,
  };
}

/**
 * The review line for an existing assignment changed in place, naming each part that changes:
 * `~ Sales: available -> required`, `~ Sales: filter none -> Corporate devices (include)`,
 * `~ Sales: notifications: show all -> hide all`, or several joined with `; `. A missing intent or
 * filter reads `none`.
 */
export function changeLine(
  existing: CurrentAssignment<unknown>,
  requested: RequestedAssignment,
  filterNames?: FilterNamer,
): DiffLine {
  const parts: string[] = [];
  if (!sameIntent(existing, requested)) {
    parts.push(`${existing.intent ?? 'none'} -> ${requested.intent ?? 'none'}`);
  }
  if (!sameFilter(existing.filter, requested.filter)) {
    const before = describeFilter(existing.filter, requested.filter, filterNames);
    parts.push(`filter ${before} -> ${describeFilter(requested.filter, requested.filter)}`);
  }
  parts.push(...settingsChanges(existing.settings, requested.settings));
  return { kind: 'change', text: `~ ${label(requested)}: ${parts.join('; ')}` };
}

/** True when two diffs say the same (the reviewed one and a fresh one, say). */
export function sameDiff(a: readonly DiffLine[], b: readonly DiffLine[] | undefined): boolean {
  return (
    b !== undefined &&
    a.length === b.length &&
    a.every((line, i) => line.kind === b[i]?.kind && line.text === b[i]?.text)
  );
}

/**
 * The review line for an existing assignment the request removes, with what it held, e.g.
 * `- Exclude Contractors` or `- Sales (required, filter: Corporate devices include)`.
 */
export function removeLine(
  existing: CurrentAssignment<unknown>,
  requested: RequestedAssignment,
  filterNames?: FilterNamer,
): DiffLine {
  const known = existing.filter;
  const name = known && (requested.filter?.id === known.id ? requested.filter.name : undefined);
  const filter = known && { ...known, name: name ?? filterNames?.(known.id) ?? UNNAMED_FILTER };
  const shown = { ...requested, intent: existing.intent, filter };
  return { kind: 'remove', text: `- ${label(shown)}${details(shown)}` };
}

/** The review line for a removal whose assignment is not (or no longer) on the item. */
export function notAssignedLine(requested: RequestedAssignment): DiffLine {
  return { kind: 'unchanged', text: `= ${label(requested)} is not assigned; nothing to remove` };
}
