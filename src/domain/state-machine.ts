import type { AssignmentOutcome, AssignmentRequest, Person, RequestStatus } from './request';

/** Everything that can happen to a request. */
export type RequestEvent =
  | { type: 'submit'; number: number; expiresAt: string }
  | { type: 'approve'; by: Person }
  | { type: 'reject'; by: Person; reason: string }
  | { type: 'cancel'; by: Person }
  | { type: 'expire' }
  | { type: 'start-assignment'; by?: Person }
  | { type: 'assigned'; outcome: AssignmentOutcome }
  | { type: 'held'; outcome: AssignmentOutcome }
  | { type: 'failed'; outcome: AssignmentOutcome }
  | { type: 'retry'; by: Person }
  /**
   * The write ran as the approver who decided (delegated access), and Intune refused it for them:
   * their Intune role or scope tags do not cover the item. The request waits for another approver;
   * `outcome.error` says why, until the next approval.
   */
  | { type: 'write-refused'; by: Person; outcome: AssignmentOutcome }
  /**
   * A restarted bot takes over Graph work left in flight: `assigning` (another attempt, so
   * `attempts` grows) or `awaiting-intune-approval` (polling again). Being a compare-and-set like
   * every transition, only one instance resumes a request.
   */
  | { type: 'resume'; by?: Person };

export type EventType = RequestEvent['type'];

/** Which events each state accepts, and the state they lead to. */
const TRANSITIONS: Record<RequestStatus, Partial<Record<EventType, RequestStatus>>> = {
  draft: { submit: 'pending', cancel: 'cancelled' },
  pending: { approve: 'approved', reject: 'rejected', cancel: 'cancelled', expire: 'expired' },
  approved: { 'start-assignment': 'assigning' },
  assigning: {
    assigned: 'assigned',
    held: 'awaiting-intune-approval',
    failed: 'failed',
    resume: 'assigning',
    'write-refused': 'pending',
  },
  'awaiting-intune-approval': {
    assigned: 'assigned',
    failed: 'failed',
    resume: 'awaiting-intune-approval',
  },
  failed: { retry: 'assigning' },
  assigned: {},
  rejected: {},
  cancelled: {},
  expired: {},
};

/** The result of applying an event: the next request, or why it does not apply. */
export type TransitionResult =
  { ok: true; request: AssignmentRequest } | { ok: false; from: RequestStatus; event: EventType };

/** True when `status` accepts the event. */
export function accepts(status: RequestStatus, event: EventType): boolean {
  return TRANSITIONS[status][event] !== undefined;
}

function details(event: RequestEvent, now: string): Partial<AssignmentRequest> {
  switch (event.type) {
    case 'submit':
      return { number: event.number, submittedAt: now, expiresAt: event.expiresAt };
    case 'approve':
      return { decidedBy: event.by, decidedAt: now, outcome: undefined };
    case 'write-refused':
      return {
        decidedBy: undefined,
        decidedAt: undefined,
        assignmentBy: undefined,
        outcome: { ...event.outcome, refusedBy: event.by },
      };
    case 'reject':
      return { decidedBy: event.by, decidedAt: now, rejectReason: event.reason };
    case 'cancel':
      return { cancelledBy: event.by };
    case 'start-assignment':
      return { assignmentBy: event.by };
    case 'retry':
      return { assignmentBy: event.by, outcome: undefined };
    case 'assigned':
    case 'held':
    case 'failed':
      return { outcome: event.outcome };
    default:
      return {};
  }
}

/**
 * Applies an event to a request, purely: the next request with its status, details and a bumped
 * revision, or a refusal when the state does not accept the event (a decided request cannot be
 * approved again). Storing the result is a compare-and-set on the old revision.
 */
export function transition(
  request: AssignmentRequest,
  event: RequestEvent,
  now: string,
): TransitionResult {
  const to = TRANSITIONS[request.status][event.type];
  if (to === undefined) return { ok: false, from: request.status, event: event.type };
  const anotherAttempt =
    event.type === 'start-assignment' ||
    event.type === 'retry' ||
    (event.type === 'resume' && request.status === 'assigning');
  const attempts = anotherAttempt ? request.attempts + 1 : request.attempts;
  return {
    ok: true,
    request: {
      ...request,
      ...details(event, now),
      status: to,
      attempts,
      revision: request.revision + 1,
      updatedAt: now,
    },
  };
}
