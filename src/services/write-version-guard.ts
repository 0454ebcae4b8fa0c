import type { CurrentAssignment, RequestedAssignment } from '../domain/assignment';
import { AppError } from '../domain/errors';
import type { IntuneVersion } from './ports/intune';

const USE_BETA = 'Use GRAPH_INTUNE_VERSION=beta.';

/** Only beta can write assignment filters; v1.0 has none. */
export const writesFilters = (version: IntuneVersion): boolean => version === 'beta';

/**
 * Refuses writing an item whose current assignments hold what a write in `version` would drop:
 * Graph's assign replaces the whole set, so a v1.0 re-post silently strips assignment filters and
 * the settings v1.0 cannot express (as the port reports them). Nothing is ever dropped silently.
 */
export function refuseLosingProperties(
  current: readonly CurrentAssignment[],
  version: IntuneVersion,
): void {
  const filtered = writesFilters(version) ? 0 : current.filter((a) => a.filter).length;
  if (filtered > 0) {
    throw new AppError(
      'filters-would-be-lost',
      `${filtered} assignment(s) of this item use assignment filters, which Graph ${version} cannot see; a ${version} write would remove them. ${USE_BETA}`,
    );
  }
  const carrying = current.filter((a) => (a.unwritable ?? []).length > 0);
  if (carrying.length === 0) return;
  const names = [...new Set(carrying.flatMap((a) => a.unwritable ?? []).map(leaf))].sort();
  throw new AppError(
    'settings-would-be-lost',
    `${carrying.length} assignment(s) of this item carry settings Graph ${version} cannot express (${names.join(', ')}); a ${version} write would silently remove them. ${USE_BETA}`,
  );
}

/** Refuses a requested filter (of one entry or of several) that the write version cannot carry. */
export function refuseUnwritableFilter(
  requested: RequestedAssignment | readonly RequestedAssignment[],
  version: IntuneVersion,
): void {
  const list: readonly RequestedAssignment[] = Array.isArray(requested) ? requested : [requested];
  if (writesFilters(version) || list.every((r) => r.filter === undefined)) return;
  throw new AppError(
    'invalid-request',
    `Assignment filters need the beta Graph API; the bot writes with ${version}. ${USE_BETA}`,
  );
}

/** `settings.isRemovable` -> `isRemovable`; `settings (x)` stays as it is. */
function leaf(path: string): string {
  return path.includes(' ') ? path : (path.split('.').pop() ?? path);
}
