import type { AssignmentRequest } from '../../domain/request';
import type { EventType } from '../../domain/state-machine';

/**
 * Tells people about requests. The use cases call it after a transition is stored; it posts the
 * request's thread in the approvals channel, replies in that thread, messages the requester and
 * approvers directly, and updates every copy of the request card in place. A failed notification
 * is logged by the implementation and never undoes or blocks a transition.
 */
export interface Notifier {
  /** A request was submitted: a new thread in the approvals channel, DMs to approvers. */
  submitted(request: AssignmentRequest): Promise<void>;
  /** A request changed state by `event`: a thread reply, a DM to the requester, every copy updated. */
  changed(request: AssignmentRequest, event: EventType): Promise<void>;
  /**
   * The request's write waits, for a place under Intune's write limit or behind other writes to
   * the same item: a thread reply and the requester's message say it is queued, with an estimate
   * when there is one. Said once per assignment attempt.
   */
  queued(request: AssignmentRequest, wait: QueuedWrite): Promise<void>;
  /** The one reminder before expiry, to approvers. */
  reminder(request: AssignmentRequest): Promise<void>;
}

/** A write waiting: how long it should wait (unknown behind other writes), under which limit. */
export interface QueuedWrite {
  waitMs?: number;
  /** The writes Intune allows in 20 s (the bot's `GRAPH_WRITES_PER_20S`). */
  writesPer20s: number;
}
