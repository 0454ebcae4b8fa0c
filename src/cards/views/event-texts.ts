import { isRequester } from '../../domain/approval-policy';
import { displayId, type AssignmentRequest } from '../../domain/request';
import { isRemoval, requestedList, targetsSummary } from '../../domain/request-list';
import type { EventType } from '../../domain/state-machine';
import type { QueuedWrite } from '../../services/ports/notifier';

const diffText = (request: AssignmentRequest) => (request.diff ?? []).map((d) => d.text).join('; ');

const graphId = (request: AssignmentRequest) =>
  request.outcome?.graphRequestId ? ` (Graph request-id ${request.outcome.graphRequestId})` : '';

/** Who reads an event's text: the approvals thread, or the requester in their own chat. */
export type MessageAudience = 'thread' | 'requester';

/**
 * The text of a thread reply (`audience` `thread`, third person: `REQ-1042 was approved by
 * Patti…`) or of the requester's direct message (second person: `Your request REQ-1042 was
 * approved by Patti…`, `You cancelled REQ-1042.`) for one event; undefined when the event is not
 * worth a message (the assignment starting is said by "approved").
 */
export function eventText(
  request: AssignmentRequest,
  event: EventType,
  audience: MessageAudience,
): string | undefined {
  const id = displayId(request);
  const mine = audience === 'requester';
  const subject = mine ? `Your request ${id}` : id;
  const item = request.item?.name ?? 'the item';
  const decider = request.decidedBy?.name ?? 'an approver';
  switch (event) {
    case 'submit': {
      const what = `${item} → ${targetsSummary(request)}`;
      return mine
        ? `You submitted ${id}: ${what}. Waiting for an approver.`
        : `${id} was submitted by ${request.requester.name}: ${what}. Waiting for an approver.`;
    }
    case 'approve':
      return `${subject} was approved by ${decider}. Assigning in Intune…`;
    case 'reject':
      return `${subject} was rejected by ${decider}: ${request.rejectReason ?? ''}`;
    case 'cancel':
      return cancelText(request, mine);
    case 'expire':
      return `${subject} expired without a decision.`;
    case 'held':
      return `${subject} is waiting for Intune Multi Admin Approval (approval code ${request.outcome?.approvalCode ?? '?'}): an Intune administrator must approve it in the Intune admin center.`;
    case 'assigned':
      return `${assignedText(request, subject, item)}${noteOf(request)}`;
    case 'failed':
      return `${subject} failed: ${sentence(request.outcome?.error?.message)}${graphId(request)}. An approver can retry.`;
    case 'retry':
      return `${subject}: ${request.assignmentBy?.name ?? 'An approver'} retried the assignment.`;
    case 'write-refused':
      return `${subject}: ${roleRefusal(request)}${graphId(request)}. Nothing was written; it waits for another approver.`;
    default:
      return undefined;
  }
}

/**
 * "Patti Fernandez's Intune role does not cover Zoom Workplace, so Intune refused the write": the
 * approver's own rights refused a write that ran as them.
 */
export function roleRefusal(request: AssignmentRequest): string {
  const who = request.outcome?.refusedBy?.name ?? 'The approver';
  return `${who}'s Intune role does not cover ${request.item?.name ?? 'the item'}, so Intune refused the write`;
}

/** An error's message without its final full stop, so that what follows it reads as one text. */
const sentence = (message: string | undefined) => (message ?? 'unknown error').replace(/\.$/, '');

function assignedText(request: AssignmentRequest, subject: string, item: string): string {
  if (!request.outcome?.alreadyAssigned) {
    return `${subject} is done: ${diffText(request)}${graphId(request)}.`;
  }
  // After a restart or a retry the earlier attempt's write may be the one that is in place.
  if (request.attempts > 1) {
    return `${subject} is done: the assignment is in place (an earlier attempt's write had landed); nothing was written twice.`;
  }
  return requestedList(request).some(isRemoval)
    ? `${subject}: ${item} was already as requested (nothing left to remove or add); nothing was changed in Intune.`
    : `${subject}: ${item} was already assigned that way; nothing was changed in Intune.`;
}

/** What happened on the way (an unconfirmed write, a set changed meanwhile), when anything did. */
const noteOf = (request: AssignmentRequest) =>
  request.outcome?.note ? ` ${request.outcome.note}` : '';

/** `You cancelled REQ-1042.` to a requester who did; who cancelled it to everyone else. */
function cancelText(request: AssignmentRequest, mine: boolean): string {
  const id = displayId(request);
  const by = request.cancelledBy ?? request.requester;
  if (!mine) return `${id} was cancelled by ${by.name}.`;
  return isRequester(request, by)
    ? `You cancelled ${id}.`
    : `Your request ${id} was cancelled by ${by.name}.`;
}

/** A wait in words a reader can plan with: `about 40 s`, `about 3 min`, rounded up. */
function aboutText(ms: number): string {
  if (ms <= 90_000) return `about ${Math.max(5, Math.ceil(ms / 5000) * 5)} s`;
  return `about ${Math.ceil(ms / 60_000)} min`;
}

/**
 * The one message for a request whose write waits for a place under Intune's write limit, to the
 * thread (`REQ-1042 is queued: …`) or the requester (`Your request REQ-1042 is queued: …`).
 */
export function queuedText(
  request: AssignmentRequest,
  wait: QueuedWrite,
  audience: MessageAudience,
): string {
  const id = displayId(request);
  const subject = audience === 'requester' ? `Your request ${id}` : id;
  const limit = `Intune allows ${wait.writesPer20s} app writes per 20 s`;
  if (wait.waitMs === undefined) {
    return `${subject} is queued behind other writes to ${request.item?.name ?? 'the same item'}, which go one at a time (${limit}); it goes once they are done.`;
  }
  return `${subject} is queued: ${limit}, and this one should go in ${aboutText(wait.waitMs)}.`;
}

/** The reminder sent once before a pending request expires. */
export function reminderText(request: AssignmentRequest): string {
  return `Reminder: ${displayId(request)} (${request.item?.name ?? 'an item'} → ${targetsSummary(request)}) is still waiting for a decision and expires at ${request.expiresAt ?? 'soon'}.`;
}
