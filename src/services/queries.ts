import { isRequester, maySee, sameTenant } from '../domain/approval-policy';
import { parseDisplayId, type AssignmentRequest } from '../domain/request';
import { assertTenant, type Actor } from './actor';
import type { ServiceOptions } from './options';
import { aboutRequest, attempt, Refusal, type Result } from './result';

/** How many requests `my requests` shows. */
export const MY_REQUESTS_LIMIT = 10;

/** How many requests an approver's `pending` queue shows. */
export const PENDING_LIMIT = 25;

/**
 * What people may look up: their own requests, an approver's queue, one request's status. Status
 * is shown to the request's requester and to approvers; anyone else is told, as for a request
 * that does not exist, that there is no such request, so ids reveal nothing.
 */
export class Queries {
  constructor(private readonly options: ServiceOptions) {}

  /**
   * The actor's submitted requests (drafts hidden), newest first by number, at most
   * {@link MY_REQUESTS_LIMIT}: the store reads that many, however many the actor has made.
   */
  myRequests(actor: Actor): Promise<Result<AssignmentRequest[]>> {
    return attempt(async () => {
      assertTenant(actor, this.options.settings.allowedTenantId);
      return this.options.store.list({
        requesterId: actor.id,
        excludeStatuses: ['draft'],
        order: 'newest',
        limit: MY_REQUESTS_LIMIT,
      });
    });
  }

  /**
   * Pending requests of the actor's tenant that an approver may decide (not their own), oldest
   * first, so the soonest to expire is on top; at most `limit`, read as such from the store.
   */
  pendingForApprover(actor: Actor, limit = PENDING_LIMIT): Promise<Result<AssignmentRequest[]>> {
    return attempt(async () => {
      assertTenant(actor, this.options.settings.allowedTenantId);
      if (!(await this.options.authorizer.isApprover(actor.id))) {
        throw new Refusal('not-approver', 'Only approvers have a queue of pending requests.');
      }
      return this.options.store.list({
        statuses: ['pending'],
        notRequesterId: actor.id,
        tenantId: actor.tenantId,
        order: 'oldest',
        limit,
      });
    });
  }

  /**
   * One request by its internal id, as a card refers to it: for the requester and approvers (the
   * personal views of a card), `unknown-request` for anyone else, as for a forged id.
   */
  byId(requestId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      assertTenant(actor, this.options.settings.allowedTenantId);
      const unknown = new Refusal(
        'unknown-request',
        'This card refers to a request that does not exist.',
      );
      const request = await this.options.store.get(requestId);
      if (request === undefined || !sameTenant(actor.tenantId, request.tenantId)) throw unknown;
      if (!(await this.visibleTo(request, actor))) throw unknown;
      return request;
    });
  }

  /** One request by its display id (`REQ-1042`, `req1042` or `1042`). */
  status(displayIdText: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      assertTenant(actor, this.options.settings.allowedTenantId);
      const number = parseDisplayId(displayIdText ?? '');
      if (number === undefined) {
        throw new Refusal('invalid-request', 'Give a request id such as REQ-1042.');
      }
      const unknown = new Refusal('unknown-request', `There is no request REQ-${number}.`);
      const request = await this.options.store.getByNumber(number);
      if (request === undefined || !sameTenant(actor.tenantId, request.tenantId)) throw unknown;
      if (!(await this.visibleTo(request, actor))) throw unknown;
      return request;
    });
  }

  /**
   * Whether the actor may see the request: its requester without asking the directory, else an
   * approver. A directory failure is refused with the request, so a card shows why.
   */
  private async visibleTo(request: AssignmentRequest, actor: Actor): Promise<boolean> {
    if (isRequester(request, actor)) return true;
    const { authorizer } = this.options;
    const isApprover = await aboutRequest(request, () => authorizer.isApprover(actor.id));
    return maySee({ request, actor, isApprover }).ok;
  }
}
