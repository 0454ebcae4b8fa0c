import { isRequester, maySee, sameTenant } from '../domain/approval-policy';
import { parseDisplayId, type AssignmentRequest } from '../domain/request';
import { assertTenant, type Actor } from './actor';
import type { ServiceOptions } from './options';
import { aboutRequest, attempt, Refusal, type Result } from './result';

/** How many requests `my requests` shows. */
export const MY_REQUESTS_LIMIT = 10;

/** Newest first: by number (given in submission order). */
const newestFirst = (a: AssignmentRequest, b: AssignmentRequest) =>
  (b.number ?? 0) - (a.number ?? 0);

/** Oldest first: the queue an approver works through, soonest to expire on top. */
const oldestFirst = (a: AssignmentRequest, b: AssignmentRequest) =>
  (a.number ?? 0) - (b.number ?? 0);

/**
 * What people may look up: their own requests, an approver's queue, one request's status. Status
 * is shown to the request's requester and to approvers; anyone else is told, as for a request
 * that does not exist, that there is no such request, so ids reveal nothing.
 */
export class Queries {
  constructor(private readonly options: ServiceOptions) {}

  /** The actor's submitted requests, newest first, at most {@link MY_REQUESTS_LIMIT}. */
  myRequests(actor: Actor): Promise<Result<AssignmentRequest[]>> {
    return attempt(async () => {
      assertTenant(actor, this.options.settings.allowedTenantId);
      const mine = await this.options.store.list({ requesterId: actor.id });
      return mine
        .filter((r) => r.status !== 'draft')
        .sort(newestFirst)
        .slice(0, MY_REQUESTS_LIMIT);
    });
  }

  /** Pending requests an approver may decide (not their own), oldest first. */
  pendingForApprover(actor: Actor, limit = 25): Promise<Result<AssignmentRequest[]>> {
    return attempt(async () => {
      assertTenant(actor, this.options.settings.allowedTenantId);
      if (!(await this.options.authorizer.isApprover(actor.id))) {
        throw new Refusal('not-approver', 'Only approvers have a queue of pending requests.');
      }
      const pending = await this.options.store.list({ statuses: ['pending'] });
      return pending
        .filter((r) => !isRequester(r, actor) && sameTenant(actor.tenantId, r.tenantId))
        .sort(oldestFirst)
        .slice(0, limit);
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
