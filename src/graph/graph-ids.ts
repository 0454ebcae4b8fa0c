import { AppError } from '../domain/errors';
import { isGuid } from '../domain/ids';

/**
 * Intune items, groups, users and filters have GUID ids. An id is put in a URL path only when it
 * is one: `.` or `x/../..` would otherwise address another resource (the group list read as a
 * group), whatever checks ran before.
 */
export const isGraphId = (id: string): boolean => isGuid(id);

/** The id as a path segment; an id that is not a GUID is refused before any call. */
export function idSegment(id: string): string {
  if (!isGraphId(id)) {
    throw new AppError('invalid-request', `'${id.slice(0, 40)}' is not an Intune or Entra ID id.`);
  }
  return id;
}
