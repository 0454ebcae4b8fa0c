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
}

export const copy = <T>(value: T): T => structuredClone(value);

/** What a write keeps of an entry of the next set: kept ones verbatim, others as requested. */
export function posted(entry: NextEntry<MemoryAssignment>): MemoryAssignment {
  if (entry.kind === 'keep') return copy(entry.current.payload);
  if (entry.kind === 'change') {
    const { intent, filter } = entry.requested;
    return { ...copy(entry.current.payload), intent, filter: filter && pickFilter(filter) };
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
