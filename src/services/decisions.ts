import {
  mayCancel,
  mayDecide,
  mayRetry,
  sameTenant,
  type PolicyCheck,
} from '../domain/approval-policy';
import { describeStatus, displayId, type AssignmentRequest } from '../domain/request';
import { accepts, type RequestEvent } from '../domain/state-machine';
import { checkTypedText } from '../domain/text';
import { assertTenant, personOf, type Actor } from './actor';
import type { AssignmentRunner } from './assignment-runner';
import { expireIfOverdue } from './expiry';
import { notifyChanged, notifyLater } from './notify';
import type { WriteIdentity } from './ports/intune';
import type { ServiceOptions } from './options';
import { aboutRequest, attempt, Refusal, type Result } from './result';
import { applyEvent } from './transitions';

export interface DecisionsOptions extends ServiceOptions {
  runner: AssignmentRunner;
}

/** How a decision reads in "it can no longer be ...". */
interface DecisionSpec {
  event: RequestEvent;
  verb: string;
  /** Throws the refusal when the actor may not act on the request as it stands. */
  check: (request: AssignmentRequest) => Promise<void>;
}

/** Rounds of compare-and-set lost to unrelated changes (a reminder mark) before giving up. */
const MAX_ROUNDS = 3;

function enforce(check: PolicyCheck, request: AssignmentRequest): void {
  if (!check.ok) throw new Refusal(check.error.code, check.error.message, request);
}

/** States a request approved by someone can be in afterwards. */
const APPROVED_BY = new Set([
  'approved',
  'assigning',
  'awaiting-intune-approval',
  'assigned',
  'failed',
]);
const REJECTED_BY = new Set(['rejected']);

/**
 * A refusal because the actor's own identical decision already won (a resent invoke, a double
 * click) becomes the request as it stands; every other error stays an error.
 */
function repeated(error: unknown, actor: Actor, states: Set<string>): AssignmentRequest {
  const request = error instanceof Refusal ? error.request : undefined;
  if (request && request.decidedBy?.id === actor.id && states.has(request.status)) return request;
  throw error;
}

/**
 * Approve, reject, cancel and retry. Each is authorized on the server from the stored request and
 * the actor (never from card data), applied as a compare-and-set, and answered at once with the
 * request in its new state; notifications and the Graph work run after the answer. The loser of a
 * race is told who won; a request that has moved on is refused with what became of it. Every
 * refusal about a request that exists carries it as it stands, a failed directory check included,
 * so the user sees the current card and why nothing changed.
 */
export class Decisions {
  constructor(private readonly options: DecisionsOptions) {}

  /**
   * Approves a pending request; the assignment runs after the answer. The same approver's click
   * delivered again (Teams resends a slow invoke) is answered with the request as it stands and
   * changes nothing.
   */
  approve(requestId: string, actor: Actor, as?: WriteIdentity): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      this.assertIdentity(actor, as);
      let won = true;
      const approved = await this.decide(requestId, actor, {
        event: { type: 'approve', by: personOf(actor) },
        verb: 'approved',
        check: async (request) => enforce(await this.decideCheck(request, actor), request),
      }).catch((error: unknown) => {
        won = false;
        return repeated(error, actor, APPROVED_BY);
      });
      if (won) this.thenAssign(approved, 'approve', as);
      return approved;
    });
  }

  /**
   * Rejects a pending request with a reason the requester sees: required, length-limited, trimmed
   * and checked like a justification (see `checkTypedText`).
   */
  reject(requestId: string, actor: Actor, reason: string): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      const checked = checkTypedText(reason ?? '', {
        label: 'The reason',
        maxLength: this.options.settings.justificationMaxLength,
        whenBlank: 'Give a reason for rejecting this request; the requester sees it.',
      });
      let won = true;
      const rejected = await this.decide(requestId, actor, {
        event: { type: 'reject', by: personOf(actor), reason: checked.ok ? checked.text : '' },
        verb: 'rejected',
        check: async (request) => {
          enforce(await this.decideCheck(request, actor), request);
          // A request that has moved on is refused for that, not for a missing reason.
          if (accepts(request.status, 'reject') && !checked.ok) {
            throw new Refusal('invalid-request', checked.message, request);
          }
        },
      }).catch((error: unknown) => {
        won = false;
        return repeated(error, actor, REJECTED_BY);
      });
      if (won) notifyLater(this.options, rejected, 'reject');
      return rejected;
    });
  }

  /** Cancels a pending request (or a draft) for its requester. */
  cancel(requestId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      const cancelled = await this.decide(requestId, actor, {
        event: { type: 'cancel', by: personOf(actor) },
        verb: 'cancelled',
        check: async (request) => enforce(mayCancel({ request, actor }), request),
      });
      // A draft has no thread and no card copies to update.
      if (cancelled.number !== undefined) notifyLater(this.options, cancelled, 'cancel');
      return cancelled;
    });
  }

  /** Runs a failed assignment again, for an approver who did not make the request. */
  retry(requestId: string, actor: Actor, as?: WriteIdentity): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      this.assertIdentity(actor, as);
      const retried = await this.decide(requestId, actor, {
        event: { type: 'retry', by: personOf(actor) },
        verb: 'retried',
        check: async (request) => {
          const isApprover = await this.options.authorizer.isApprover(actor.id);
          enforce(mayRetry({ request, actor, isApprover }), request);
        },
      });
      this.thenAssign(retried, 'retry', as);
      return retried;
    });
  }

  /**
   * Whether `actor` may approve (or retry) the request as it stands, changing nothing: asked
   * before an approver is sent to sign in, so that nobody signs in for a click that is refused.
   */
  mayDecide(
    requestId: string,
    actor: Actor,
    verb: 'approve' | 'retry',
  ): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      const request = await this.load(requestId, actor);
      try {
        await aboutRequest(request, async () => {
          const isApprover = await this.options.authorizer.isApprover(actor.id);
          const check =
            verb === 'approve'
              ? mayDecide({ request, actor, isApprover })
              : mayRetry({ request, actor, isApprover });
          enforce(check, request);
        });
        if (!accepts(request.status, verb)) {
          const done = verb === 'approve' ? 'approved' : 'retried';
          const message = `${describeStatus(request)}; it can no longer be ${done}.`;
          throw new Refusal('invalid-state', message, request);
        }
      } catch (error) {
        // The actor's own approval delivered again is answered as it stands, without a sign-in.
        if (verb === 'approve') return repeated(error, actor, APPROVED_BY);
        throw error;
      }
      return request;
    });
  }

  /** With writes as the approver, a decision that starts a write needs the actor's identity. */
  private assertIdentity(actor: Actor, as: WriteIdentity | undefined): void {
    if (this.options.settings.writeAs !== 'approver') return;
    if (as?.user.id.toLowerCase() === actor.id.toLowerCase()) return;
    throw new Refusal(
      'sign-in-required',
      'Writes to Intune run as the approver: sign in when Teams asks, then approve again.',
    );
  }

  private async decide(
    requestId: string,
    actor: Actor,
    spec: DecisionSpec,
  ): Promise<AssignmentRequest> {
    let request = await this.load(requestId, actor);
    for (let round = 1; ; round += 1) {
      // A failed check (the directory timing out, say) is refused with the request as it stands.
      const checked = request;
      await aboutRequest(checked, () => spec.check(checked));
      const facts = { actor: personOf(actor), detail: this.detailOf(spec.event) };
      const applied = await applyEvent(this.options, request, spec.event, facts);
      if (applied.kind === 'won') return applied.request;
      if (applied.kind === 'refused') {
        const message = `${describeStatus(request)}; it can no longer be ${spec.verb}.`;
        throw new Refusal('invalid-state', message, request);
      }
      const current = applied.current;
      if (current === undefined) throw new Refusal('unknown-request', 'No such request.');
      if (!accepts(current.status, spec.event.type) || round >= MAX_ROUNDS) {
        throw new Refusal('conflict', `${describeStatus(current, { already: true })}.`, current);
      }
      request = current;
    }
  }

  /** The stored request, expired first when its time has passed and no sweep has run yet. */
  private async load(requestId: string, actor: Actor): Promise<AssignmentRequest> {
    assertTenant(actor, this.options.settings.allowedTenantId);
    const request = await this.options.store.get(requestId);
    if (request === undefined || !sameTenant(actor.tenantId, request.tenantId)) {
      throw new Refusal('unknown-request', 'No such request; it may have been deleted.');
    }
    return expireIfOverdue(this.options, request);
  }

  private async decideCheck(request: AssignmentRequest, actor: Actor): Promise<PolicyCheck> {
    const isApprover = await this.options.authorizer.isApprover(actor.id);
    return mayDecide({ request, actor, isApprover });
  }

  private detailOf(event: RequestEvent): string | undefined {
    return event.type === 'reject' ? event.reason : undefined;
  }

  /**
   * After the answer, under the request's lease: the thread and cards say so, then the Graph work
   * runs. Should another instance have taken the request over meanwhile, it tells and runs instead.
   */
  private thenAssign(
    request: AssignmentRequest,
    event: 'approve' | 'retry',
    as: WriteIdentity | undefined,
  ): void {
    const { tasks, runner } = this.options;
    tasks.run(
      () => runner.work(request.id, () => notifyChanged(this.options, request, event), as),
      `assign ${displayId(request)}`,
    );
  }
}
