import type { AssignmentOutcome, Person } from '../domain/request';
import { AppError } from '../domain/errors';
import type { RequestEvent } from '../domain/state-machine';
import type { IntuneDecision } from './intune-approval';
import type { AuditFacts } from './transitions';

/** The events that end an assignment attempt. */
export type RunEvent = Extract<
  RequestEvent,
  { type: 'assigned' | 'held' | 'failed' | 'write-refused' }
>;

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

/**
 * A failed attempt with the error's code and message and, for a Graph error (read without
 * importing the Graph layer), Graph's request ids to quote to Microsoft.
 */
export function failedEvent(
  error: unknown,
  extra: AssignmentOutcome = {},
): Extract<RunEvent, { type: 'failed' }> {
  const code = error instanceof AppError ? error.code : 'graph-failed';
  const message = error instanceof Error ? error.message : String(error);
  return {
    type: 'failed',
    outcome: {
      ...extra,
      error: { code, message },
      graphRequestId: stringField(error, 'requestId'),
      clientRequestId: stringField(error, 'clientRequestId'),
    },
  };
}

const ENDED_MESSAGES = {
  rejected: 'An Intune administrator rejected the change in Multi Admin Approval',
  cancelled: 'The Multi Admin Approval request was cancelled in Intune',
  expired: 'The Multi Admin Approval request expired before an Intune administrator approved it',
} as const;

/**
 * How a write run as an approver ends when Intune refused it for that approver's rights: back to
 * pending for another approver; any other failure fails the request as usual.
 */
export function refusedOrFailed(error: unknown, as: Person | undefined): RunEvent {
  const failed = failedEvent(error);
  if (as === undefined || !(error instanceof AppError) || error.code !== 'intune-role-refused') {
    return failed;
  }
  return { type: 'write-refused', by: as, outcome: failed.outcome };
}

/** A held write that Intune did not approve (or not in time), as the event to store. */
export function fromIntuneRefusal(
  decision: Exclude<IntuneDecision, 'approved' | 'completed'>,
  approvalCode: string,
  timeoutMs: number,
): RunEvent {
  if (decision === 'timeout') {
    const minutes = Math.round(timeoutMs / 60_000);
    const message = `No Intune administrator approved the change within ${minutes} minutes, so the bot stopped waiting; nothing was written. An approver may retry to ask Intune again.`;
    return {
      type: 'failed',
      outcome: { approvalCode, error: { code: 'intune-approval-timeout', message } },
    };
  }
  const message = `${ENDED_MESSAGES[decision]}; nothing was written.`;
  return {
    type: 'failed',
    outcome: { approvalCode, error: { code: 'intune-approval-ended', message } },
  };
}

/** The audit facts of an attempt's end: Graph's request id and what happened, in words. */
export function auditFactsOf(event: RunEvent): AuditFacts {
  const outcome = event.outcome;
  const detail =
    outcome.error?.message ??
    outcome.note ??
    (outcome.alreadyAssigned ? 'Already assigned; nothing was written.' : undefined) ??
    (event.type === 'held'
      ? `Held by Intune Multi Admin Approval (${outcome.approvalCode}).`
      : undefined);
  return { graphRequestId: outcome.graphRequestId, detail };
}
