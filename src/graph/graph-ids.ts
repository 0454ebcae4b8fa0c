import { AppError } from '../domain/errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Intune items, groups, users and filters have GUID ids. An id is put in a URL path only when it
 * is one: `.` or `x/../..` would otherwise address another resource (the group list read as a
 * group), whatever checks ran before.
 */
export function isGraphId(id: string): boolean {
  return GUID.test(id);
}

/** The id as a path segment; an id that is not a GUID is refused before any call. */
export function idSegment(id: string): string {
  if (!isGraphId(id)) {
    throw new AppError('invalid-request', `'${id.slice(0, 40)}' is not an Intune or Entra ID id.`);
  }
  return id;
}
