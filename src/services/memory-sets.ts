import type { AssignmentSettings } from '../domain/assignment-settings';
import type {
  AssignmentTarget,
  FilterRef,
  Intent,
  NextEntry,
  RequestedAssignment,
} from '../domain/assignment';

/** An assignment as the in-memory tenant keeps it; it is also the payload re-posted verbatim. */
export interface MemoryAssignment {
  id: string;
  target: AssignmentTarget;
  intent?: Intent;
  filter?: FilterRef;
  fromPolicySet?: boolean;
  /** What a write in the port's version could not carry (see `CurrentAssignment.unwritable`). */
  unwritable?: string[];
  /** Settings as the admin set them: opaque here, kept as they are. */
  settings?: Record<string, unknown> | null;
  /** The settings requests chose for it, as the domain reads them back (see `CurrentAssignment`). */
  chosenSettings?: AssignmentSettings;
}

/** The chosen settings of an entry after `requested` is written over them, if any. */
function withChosen(
  before: AssignmentSettings | undefined,
  requested: RequestedAssignment,
): { chosenSettings?: AssignmentSettings } {
  const chosen = requested.settings === undefined ? before : { ...before, ...requested.settings };
  return chosen === undefined ? {} : { chosenSettings: copy(chosen) };
}

export const copy = <T>(value: T): T => structuredClone(value);

/** What a write keeps of an entry of the next set: kept ones verbatim, others as requested. */
export function posted(entry: NextEntry<MemoryAssignment>): MemoryAssignment {
  if (entry.kind === 'keep') return copy(entry.current.payload);
  if (entry.kind === 'change') {
    const { intent, filter } = entry.requested;
    const current = copy(entry.current.payload);
    const chosen = withChosen(current.chosenSettings, entry.requested);
    return { ...current, intent, filter: filter && pickFilter(filter), ...chosen };
  }
  return added(entry.requested);
}

function added(requested: RequestedAssignment): MemoryAssignment {
  const { target, intent, filter } = requested;
  const key = target.kind === 'group' ? target.groupId : target.kind;
  const exclude = target.kind === 'group' && target.exclude;
  return {
    id: `${key}_${intent ?? 'policy'}_${exclude ? 1 : 0}`,
    target: copy(target),
    intent,
    filter: filter && pickFilter(filter),
    settings: null,
    ...withChosen(undefined, requested),
  };
}

/** Items by lower-cased id, copied. */
export function byId<T extends { id: string }>(items: readonly T[] = []): Map<string, T> {
  return new Map(items.map((item) => [item.id.toLowerCase(), copy(item)]));
}

const pickFilter = (filter: FilterRef): FilterRef => ({ id: filter.id, mode: filter.mode });

/** Items whose text holds every word of the query, copied. */
export function search<T>(
  items: T[],
  query: string,
  limit: number,
  text: (item: T) => string,
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items
    .filter((item) => words.every((w) => text(item).toLowerCase().includes(w)))
    .slice(0, limit)
    .map(copy);
}
