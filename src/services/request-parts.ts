import type { RequestedAssignment } from '../domain/assignment';
import type { AssignmentRequest } from '../domain/request';
import type { ItemRef } from './ports/intune';
import { Refusal } from './result';

/** The item a request assigns, as the Intune port addresses it. */
export function itemRefOf(request: AssignmentRequest): ItemRef {
  if (request.item === undefined) {
    throw new Refusal('invalid-request', 'The request names no item yet.', request);
  }
  return { kind: request.item.kind, id: request.item.id };
}

/** The one assignment a request asks for, as the merge and the Intune port take it. */
export function requestedOf(request: AssignmentRequest): RequestedAssignment {
  if (request.target === undefined) {
    throw new Refusal('invalid-request', 'The request names no target yet.', request);
  }
  return {
    target: request.target,
    targetName: request.targetName ?? request.target.kind,
    intent: request.intent,
    filter: request.filter,
    ...(request.settings === undefined ? {} : { settings: request.settings }),
  };
}
