import { displayId, type AssignmentRequest } from '../domain/request';
import type { EventType } from '../domain/state-machine';

const diffText = (request: AssignmentRequest) => (request.diff ?? []).map((d) => d.text).join('; ');

const graphId = (request: AssignmentRequest) =>
  request.outcome?.graphRequestId ? ` (Graph request-id ${request.outcome.graphRequestId})` : '';

/**
 * The text of a thread reply and of the requester's direct message for one event; undefined when
 * the event is not worth a message (the assignment starting is said by "approved").
 */
export function eventText(request: AssignmentRequest, event: EventType): string | undefined {
  const id = displayId(request);
  const item = request.item?.name ?? 'the item';
  switch (event) {
    case 'submit':
      return `${id} was submitted by ${request.requester.name}: ${item} → ${request.targetName ?? ''}. Waiting for an approver.`;
    case 'approve':
      return `${id} was approved by ${request.decidedBy?.name ?? 'an approver'}. Assigning in Intune…`;
    case 'reject':
      return `${id} was rejected by ${request.decidedBy?.name ?? 'an approver'}: ${request.rejectReason ?? ''}`;
    case 'cancel':
      return `${id} was cancelled by ${request.cancelledBy?.name ?? request.requester.name}.`;
    case 'expire':
      return `${id} expired without a decision.`;
    case 'held':
      return `${id} is waiting for Intune Multi Admin Approval (approval code ${request.outcome?.approvalCode ?? '?'}): an Intune administrator must approve it in the Intune admin center.`;
    case 'assigned':
      if (!request.outcome?.alreadyAssigned)
        return `${id} is done: ${diffText(request)}${graphId(request)}.`;
      // After a restart or a retry the earlier attempt's write may be the one that is in place.
      return request.attempts > 1
        ? `${id} is done: the assignment is in place (an earlier attempt's write had landed); nothing was written twice.`
        : `${id}: ${item} was already assigned that way; nothing was changed in Intune.`;
    case 'failed':
      return `${id} failed: ${request.outcome?.error?.message ?? 'unknown error'}${graphId(request)}. An approver can retry.`;
    case 'retry':
      return `${id}: ${request.assignmentBy?.name ?? 'An approver'} retried the assignment.`;
    default:
      return undefined;
  }
}

/**
 * A text message shown as plain text: event texts quote what people typed (a rejection reason),
 * which must reach the reader as typed, never as markdown, a link or a mention.
 */
export function plainMessage(text: string): { type: 'message'; text: string; textFormat: 'plain' } {
  return { type: 'message', text, textFormat: 'plain' };
}

/** The reminder sent once before a pending request expires. */
export function reminderText(request: AssignmentRequest): string {
  return `Reminder: ${displayId(request)} (${request.item?.name ?? 'an item'} → ${request.targetName ?? ''}) is still waiting for a decision and expires at ${request.expiresAt ?? 'soon'}.`;
}
