import type { AssignmentRequest } from '../../domain/request';
import type { TextColor } from './labels';
import { cardDateTime } from './time';

/** A line of the status section of a request card. */
export interface StatusLine {
  text: string;
  color: TextColor;
}

/** The audience a request card is rendered for. */
export type Audience = 'channel' | 'requester' | 'approver';

export const MAA_WAITING_TEXT =
  'Waiting for an Intune administrator to approve this change in the Intune admin center ' +
  '(Multi Admin Approval).';

const line = (text: string, color: TextColor = 'Default'): StatusLine => ({ text, color });

function approvedBy(request: AssignmentRequest, word = 'Approved'): string {
  return request.decidedBy ? `${word} by ${request.decidedBy.name}` : word;
}

function graphIdLine(request: AssignmentRequest): StatusLine[] {
  const id = request.outcome?.graphRequestId;
  return id ? [line(`Graph request id: ${id}`)] : [];
}

function pendingLines(audience: Audience, canAct: boolean): StatusLine[] {
  if (audience === 'requester') return [line('Waiting for an approver. You can still cancel it.')];
  if (canAct) return [line('Approve or reject this request.')];
  return [line('Waiting for approval.')];
}

/**
 * What has happened to the request, by state, as the card's status lines: who decided, Graph's
 * request id, the error, the Multi Admin Approval code. Buttons are not decided here.
 */
export function statusLines(
  request: AssignmentRequest,
  audience: Audience,
  canAct: boolean,
): StatusLine[] {
  const outcome = request.outcome;
  switch (request.status) {
    case 'draft':
      return [line('Not submitted yet.')];
    case 'pending':
      return [...refusedLines(request), ...pendingLines(audience, canAct)];
    case 'approved':
    case 'assigning':
      return [line(`${approvedBy(request)} · assigning…`, 'Accent')];
    case 'awaiting-intune-approval':
      return [
        line(approvedBy(request)),
        line(MAA_WAITING_TEXT, 'Warning'),
        ...(outcome?.approvalCode ? [line(`Approval code: ${outcome.approvalCode}`)] : []),
      ];
    case 'assigned':
      return [
        line(`Assigned · ${approvedBy(request, 'approved')}`, 'Good'),
        ...(outcome?.alreadyAssigned ? [line('Already assigned, nothing changed.')] : []),
        ...(outcome?.note ? [line(outcome.note, 'Warning')] : []),
        ...graphIdLine(request),
      ];
    case 'failed':
      return [
        line(
          `Assignment failed: ${outcome?.error?.code ?? 'error'}: ${outcome?.error?.message ?? 'unknown error'}`,
          'Attention',
        ),
        ...graphIdLine(request),
      ];
    case 'rejected':
      // The reason is the approver's own text: the card shows it apart, as plain text.
      return [line(`Rejected by ${request.decidedBy?.name ?? 'an approver'}`, 'Attention')];
    case 'cancelled':
      return [line(`Cancelled by ${request.cancelledBy?.name ?? request.requester.name}`)];
    case 'expired':
      return [line(`Expired without a decision${expiredAt(request)}`)];
  }
}

/** A write that ran as an approver and that Intune refused for their rights, said on the card. */
function refusedLines(request: AssignmentRequest): StatusLine[] {
  const by = request.outcome?.refusedBy;
  if (!by) return [];
  return [
    line(
      `${by.name}'s Intune role does not cover this item, so Intune refused the write; nothing was written. Another approver can decide.`,
      'Warning',
    ),
  ];
}

function expiredAt(request: AssignmentRequest): string {
  return request.expiresAt ? ` on ${cardDateTime(request.expiresAt)}` : '';
}
