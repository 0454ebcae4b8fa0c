import type { RequestedAssignment } from '../domain/assignment';
import type { AssignmentRequest } from '../domain/request';
import { currentEntry, requestedList } from '../domain/request-list';
import type { ItemRef } from './ports/intune';
import { Refusal } from './result';

/** The item a request assigns, as the Intune port addresses it. */
export function itemRefOf(request: AssignmentRequest): ItemRef {
  if (request.item === undefined) {
    throw new Refusal('invalid-request', 'The request names no item yet.', request);
  }
  return { kind: request.item.kind, id: request.item.id };
}

/** The top-level assignment of a request (the one the wizard edits), as the merge takes it. */
export function requestedOf(request: AssignmentRequest): RequestedAssignment {
  const entry = currentEntry(request);
  if (entry === undefined) {
    throw new Refusal('invalid-request', 'The request names no target yet.', request);
  }
  return entry;
}

/** Every assignment a request asks for (see `requestedList`), refused when it names none. */
export function requestedAll(request: AssignmentRequest): RequestedAssignment[] {
  const list = requestedList(request);
  if (list.length === 0) {
    throw new Refusal('invalid-request', 'The request names no target yet.', request);
  }
  return list;
}
