import { displayId, type AssignmentRequest, type Person } from '../domain/request';
import { transition, type RequestEvent } from '../domain/state-machine';
import type { Clock } from './ports/clock';
import type { AuditRecord, RequestStore, SaveResult } from './ports/request-store';

/** What an audit record says beyond the transition itself. */
export interface AuditFacts {
  actor?: Person;
  graphRequestId?: string;
  detail?: string;
}

export interface TransitionDeps {
  store: RequestStore;
  clock: Clock;
}

/** The audit record of a change from `before` to `after`. */
export function auditRecord(
  before: AssignmentRequest,
  after: AssignmentRequest,
  action: string,
  facts: AuditFacts,
  at: string,
): AuditRecord {
  return {
    at,
    requestId: after.id,
    displayId: displayId(after),
    action,
    from: before.status,
    to: after.status,
    actorId: facts.actor?.id,
    actorName: facts.actor?.name,
    graphRequestId: facts.graphRequestId,
    detail: facts.detail,
  };
}

/**
 * How applying an event ended: `won` (stored), `refused` (the request's state does not accept the
 * event; nothing stored) or `lost` (someone changed the request first; `current` is theirs).
 */
export type Applied =
  | { kind: 'won'; request: AssignmentRequest }
  | { kind: 'refused'; request: AssignmentRequest }
  | { kind: 'lost'; current: AssignmentRequest | undefined };

export interface ApplyOptions extends AuditFacts {
  /** Fields set along with the transition, e.g. clearing the wizard state on submit. */
  patch?: Partial<AssignmentRequest>;
}

/**
 * Applies an event through the state machine and stores the result with its audit record as one
 * compare-and-set: of concurrent callers exactly one wins.
 */
export async function applyEvent(
  deps: TransitionDeps,
  request: AssignmentRequest,
  event: RequestEvent,
  options: ApplyOptions = {},
): Promise<Applied> {
  const now = deps.clock.now().toISOString();
  const result = transition(request, event, now);
  if (!result.ok) return { kind: 'refused', request };
  const next = { ...result.request, ...options.patch };
  const saved = await deps.store.save(next, auditRecord(request, next, event.type, options, now));
  return saved.ok
    ? { kind: 'won', request: saved.request }
    : { kind: 'lost', current: saved.current };
}

/**
 * Stores a change that is not a transition (a wizard step, the reminder mark): the same
 * compare-and-set on the revision, with an audit record only when `audit` is given.
 */
export async function saveEdit(
  deps: TransitionDeps,
  request: AssignmentRequest,
  changes: Partial<AssignmentRequest>,
  audit?: AuditFacts & { action: string },
): Promise<SaveResult> {
  const now = deps.clock.now().toISOString();
  const next = { ...request, ...changes, revision: request.revision + 1, updatedAt: now };
  const record = audit && auditRecord(request, next, audit.action, audit, now);
  return deps.store.save(next, record);
}
