import { AppError } from './errors';
import { describeStatus, displayId, type AssignmentRequest, type Person } from './request';
import { accepts } from './state-machine';

/**
 * Who may do what to a request, decided from facts the caller gathered on the server (the stored
 * request, the actor's identity from the authenticated activity, whether the directory counts the
 * actor as an approver). Nothing from a card's data is an input. Pure: no I/O, no clock.
 */

/** Allowed, or refused with the error to show. */
export type PolicyCheck = { ok: true } | { ok: false; error: AppError };

const ALLOWED: PolicyCheck = { ok: true };

/**
 * A refusal whose error is built when read: cards ask these checks only for `ok` (which buttons to
 * show), several times a card, and an error's stack trace is the costly part.
 */
function refuse(code: AppError['code'], message: string): PolicyCheck {
  let error: AppError | undefined;
  return {
    ok: false,
    get error() {
      return (error ??= new AppError(code, message));
    },
  };
}

/** Entra object ids are GUIDs: compared without regard to case. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when the actor made the request. */
export function isRequester(request: AssignmentRequest, actor: Person): boolean {
  return sameId(request.requester.id, actor.id);
}

export interface DecideFacts {
  request: AssignmentRequest;
  actor: Person;
  isApprover: boolean;
}

/**
 * Approve or reject: an approver who did not make the request. A requester never decides their own
 * request, even when they are an approver (`self-approval` is checked first).
 */
export function mayDecide({ request, actor, isApprover }: DecideFacts): PolicyCheck {
  const id = displayId(request);
  if (isRequester(request, actor)) {
    return refuse(
      'self-approval',
      `You made ${id}, so you cannot decide it; another approver must approve or reject it.`,
    );
  }
  if (!isApprover) return refuse('not-approver', `Only approvers may approve or reject ${id}.`);
  return ALLOWED;
}

/**
 * Retry a failed assignment: like a decision, an approver who did not make the request, since a
 * retry asks Intune to make the change again.
 */
export function mayRetry({ request, actor, isApprover }: DecideFacts): PolicyCheck {
  const id = displayId(request);
  if (isRequester(request, actor)) {
    return refuse('self-approval', `You made ${id}, so another approver must retry it.`);
  }
  if (!isApprover) return refuse('not-approver', `Only approvers may retry ${id}.`);
  return ALLOWED;
}

/** Cancel: only the requester, and only while the request is a draft or pending. */
export function mayCancel({
  request,
  actor,
}: {
  request: AssignmentRequest;
  actor: Person;
}): PolicyCheck {
  if (!isRequester(request, actor)) {
    return refuse(
      'not-requester',
      `Only ${request.requester.name}, who made ${displayId(request)}, may cancel it.`,
    );
  }
  if (request.status !== 'draft' && request.status !== 'pending') {
    return refuse('invalid-state', `${describeStatus(request)}; it can no longer be cancelled.`);
  }
  return ALLOWED;
}

/**
 * Whether the actor may act on the request as it stands: decide it while pending or retry it
 * once failed (an approver who did not make it), or cancel it while pending (its requester). The
 * one "who may act" rule: a card shows its buttons by it, and the use cases enforce the same
 * checks on every click, whatever a card showed.
 */
export function mayAct(facts: DecideFacts): boolean {
  const status = facts.request.status;
  if (accepts(status, 'approve') && mayDecide(facts).ok) return true;
  if (accepts(status, 'retry') && mayRetry(facts).ok) return true;
  return status !== 'draft' && mayCancel(facts).ok;
}

/** Start a request: everyone, or only members of the requesters group when one is configured. */
export function mayRequest({ isAllowedRequester }: { isAllowedRequester: boolean }): PolicyCheck {
  if (isAllowedRequester) return ALLOWED;
  return refuse(
    'requester-not-allowed',
    'Only members of the requesters group may request app assignments. Ask your Intune administrators to add you.',
  );
}

/** See a request's status: its requester and the approvers; nobody else learns it exists. */
export function maySee({ request, actor, isApprover }: DecideFacts): PolicyCheck {
  if (isApprover || isRequester(request, actor)) return ALLOWED;
  return refuse('unknown-request', 'No such request.');
}

/**
 * True when the actor's tenant is the allowed one (tenant ids compared without regard to case).
 * Without a configured tenant every tenant is allowed; an actor without a tenant never is when
 * one is configured.
 */
export function sameTenant(actorTenant: string | undefined, allowedTenant: string | undefined) {
  if (allowedTenant === undefined || allowedTenant.trim() === '') return true;
  return actorTenant !== undefined && sameId(actorTenant.trim(), allowedTenant.trim());
}
