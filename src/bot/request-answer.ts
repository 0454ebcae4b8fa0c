import { requestCard, type Audience, type Caps } from '../cards';
import { isRequester, mayAct } from '../domain/approval-policy';
import { AppError } from '../domain/errors';
import type { AssignmentRequest } from '../domain/request';
import type { Actor, Result } from '../services';
import type { Authorizer } from '../services/authorizer';
import type { Answer } from './replies';

/** Where a request card is shown and who looks at it. */
export interface RequestViewContext {
  actor: Actor;
  caps: Caps;
  audience: 'channel' | 'requester' | 'approver';
  /** Teams ids of approvers whose client refreshes channel cards for themselves. */
  refreshUserIds: () => Promise<string[]>;
}

type Role = 'requester' | 'approver' | 'other';

/**
 * The viewer's part in the request. When the directory cannot say (a Graph timeout), the viewer
 * counts as an approver for the card alone: they clicked a card that showed the request, the
 * buttons let them try again, and the server authorizes every click whatever a card shows.
 */
async function roleOf(
  request: AssignmentRequest,
  actor: Actor,
  authorizer: Authorizer,
): Promise<Role> {
  if (isRequester(request, actor)) return 'requester';
  try {
    return (await authorizer.isApprover(actor.id)) ? 'approver' : 'other';
  } catch (error) {
    if (error instanceof AppError) return 'approver';
    throw error;
  }
}

/** The approvers to refresh a channel card for; none when the directory cannot say. */
async function refreshIds(ctx: RequestViewContext): Promise<string[] | undefined> {
  if (ctx.audience !== 'channel') return undefined;
  try {
    return await ctx.refreshUserIds();
  } catch (error) {
    if (error instanceof AppError) return [];
    throw error;
  }
}

/**
 * Request cards as answers to a viewer: buttons only for those who may use them, and a refused
 * click answered with the request as it stands and why nothing changed.
 */
export class RequestAnswers {
  constructor(private readonly authorizer: Authorizer) {}

  /** The card of a request for this viewer, with an optional one-line notice at its top. */
  async card(
    request: AssignmentRequest,
    ctx: RequestViewContext,
    notice?: string,
  ): Promise<Answer> {
    return this.render(request, ctx, await roleOf(request, ctx.actor, this.authorizer), notice);
  }

  /**
   * The answer to a refused click on a request card. A refusal that comes with the request (a
   * stale card, a lost race, a Graph failure) gets the request's current card for this viewer
   * with the reason on top, when the viewer is its requester or an approver: Teams then replaces
   * the stale card, instead of showing an error under a card that still offers Approve. A draft
   * (the wizard's own), a request the viewer may not see, or no request at all stays an error.
   */
  async refused(
    outcome: Extract<Result<unknown>, { ok: false }>,
    ctx: RequestViewContext,
  ): Promise<Answer> {
    const { error, request } = outcome;
    const asError: Answer = { refusal: { code: error.code, message: error.message } };
    if (request === undefined || request.status === 'draft') return asError;
    const role = await roleOf(request, ctx.actor, this.authorizer);
    if (role === 'other') return asError;
    return this.render(request, ctx, role, error.message);
  }

  private async render(
    request: AssignmentRequest,
    ctx: RequestViewContext,
    role: Role,
    notice: string | undefined,
  ): Promise<Answer> {
    const canAct = mayAct({ request, actor: ctx.actor, isApprover: role === 'approver' });
    const audience: Audience =
      role === 'requester' ? 'requester' : ctx.audience === 'requester' ? 'approver' : ctx.audience;
    const refreshUserIds = await refreshIds(ctx);
    const viewer = { caps: ctx.caps, audience, canAct, refreshUserIds, notice };
    return { card: requestCard(request, viewer) };
  }
}
