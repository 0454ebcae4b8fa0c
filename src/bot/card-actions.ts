import { NO_FILTER, noticeCard, VERBS, type Verb } from '../cards';
import type { Intent } from '../domain/assignment';
import type { ErrorCode } from '../domain/errors';
import type { AssignmentRequest, ItemKind } from '../domain/request';
import type { Result, Services, TargetChoice } from '../services';
import { requestIdOf, text, type CardAction } from './action-data';
import { settingsInput } from './settings-input';
import type { MessageRef } from './conversations';
import type { Answer } from './replies';
import type { ApproverSignIn } from './approver-sign-in';
import type { WriteIdentity } from '../services/ports/intune';
import { personOf } from '../services/actor';
import { RequestAnswers, type RequestViewContext } from './request-answer';
import { itemOptions, renderWizard, type WizardViewDeps } from './wizard-view';

/** Where the clicked card is shown and who clicked it. */
export interface ActionContext extends RequestViewContext {
  /** The message whose card was clicked (its answer replaces it), when there is one. */
  clickedMessage?: MessageRef;
  /** The user's Teams single sign-on token, when Teams sent the invoke again with one. */
  ssoToken?: string;
}

export interface CardActionDeps {
  services: Services;
  wizardView: WizardViewDeps;
  /** The answer to the `command.*` verbs (the same as the typed commands). */
  command: (verb: Verb, ctx: ActionContext) => Promise<Answer>;
  /** Present when writes run as the approver: approve and retry need their sign-in. */
  signIn?: ApproverSignIn;
}

/** Refusals shown on the wizard card itself, so the requester can correct the answer. */
const WIZARD_FIXABLE = new Set<ErrorCode>([
  'invalid-request',
  'not-found',
  'not-published',
  'policy-set',
  'target-conflict',
  'filters-would-be-lost',
  'settings-would-be-lost',
  'assignments-changed',
  'invalid-state',
  'conflict',
  'graph-failed',
  'graph-throttled',
  'graph-unavailable',
  'graph-timeout',
]);

const refusal = (code: ErrorCode | 'bad-request', message: string): Answer => ({
  refusal: { code, message },
});

/**
 * Maps a card action (a verb and ids) to a use case and answers with the card in its new state.
 * Nothing in the data is trusted beyond the request id, the verb and the user's own inputs; the
 * use cases authorize from the stored request and the authenticated actor.
 */
export class CardActions {
  private readonly answers: RequestAnswers;

  constructor(private readonly deps: CardActionDeps) {
    this.answers = new RequestAnswers(deps.services.authorizer);
  }

  async handle(action: CardAction, ctx: ActionContext): Promise<Answer> {
    if (action.verb.startsWith('command.')) return this.deps.command(action.verb, ctx);
    const id = requestIdOf(action.data);
    if (!id) return refusal('bad-request', 'The card action does not name a request.');
    if (action.verb.startsWith('wizard.')) return this.wizard(action, id, ctx);
    return this.request(action, id, ctx);
  }

  /** The card of a request for this viewer: buttons only for those who may use them. */
  requestAnswer(request: AssignmentRequest, ctx: ActionContext): Promise<Answer> {
    return this.answers.card(request, ctx);
  }

  private async request(action: CardAction, id: string, ctx: ActionContext): Promise<Answer> {
    const { decisions, queries } = this.deps.services;
    const actor = ctx.actor;
    let result: Result<AssignmentRequest>;
    switch (action.verb) {
      case VERBS.requestApprove: {
        const as = await this.writeIdentity('approve', id, ctx);
        if ('answer' in as) return as.answer;
        result = await decisions.approve(id, actor, as.identity);
        break;
      }
      case VERBS.requestReject:
        result = await decisions.reject(id, actor, text(action.data, 'reason') ?? '');
        break;
      case VERBS.requestCancel:
        result = await decisions.cancel(id, actor);
        break;
      case VERBS.requestRetry: {
        const as = await this.writeIdentity('retry', id, ctx);
        if ('answer' in as) return as.answer;
        result = await decisions.retry(id, actor, as.identity);
        break;
      }
      case VERBS.requestRefresh:
        result = await queries.byId(id, actor);
        break;
      default:
        return refusal('unknown-verb', `The card action '${action.verb}' is not known.`);
    }
    if (!result.ok) return this.answers.refused(result, ctx);
    return this.requestAnswer(result.value, ctx);
  }

  /**
   * With writes as the approver, the identity an approve or retry writes with: asked only of an
   * approver whose click would be carried out (anyone else gets the refusal, and no sign-in).
   */
  private async writeIdentity(
    verb: 'approve' | 'retry',
    id: string,
    ctx: ActionContext,
  ): Promise<{ identity?: WriteIdentity } | { answer: Answer }> {
    const signIn = this.deps.signIn;
    if (!signIn) return {};
    const checked = await this.deps.services.decisions.mayDecide(id, ctx.actor, verb);
    if (!checked.ok) return { answer: await this.answers.refused(checked, ctx) };
    // The approver's own click delivered again: the card as it stands.
    const open = verb === 'approve' ? 'pending' : 'failed';
    if (checked.value.status !== open)
      return { answer: await this.requestAnswer(checked.value, ctx) };
    return signIn.identity(ctx.ssoToken, personOf(ctx.actor));
  }

  private async wizard(action: CardAction, id: string, ctx: ActionContext): Promise<Answer> {
    const result = await this.wizardStep(action, id, ctx);
    if ('card' in result || 'refusal' in result) return result;
    if (!result.outcome.ok) {
      const { error, request } = result.outcome;
      if (request?.status === 'draft' && WIZARD_FIXABLE.has(error.code)) {
        return {
          card: await renderWizard(request, this.deps.wizardView, {
            caps: ctx.caps,
            error: error.message,
          }),
        };
      }
      return refusal(error.code, error.message);
    }
    const request = result.outcome.value;
    if (request.status === 'draft')
      return { card: await renderWizard(request, this.deps.wizardView, { caps: ctx.caps }) };
    if (request.status === 'cancelled')
      return { card: noticeCard('Draft discarded. Type "assign" to start again.', 'info') };
    return this.requestAnswer(request, { ...ctx, audience: 'requester' });
  }

  private async wizardStep(
    action: CardAction,
    id: string,
    ctx: ActionContext,
  ): Promise<Answer | { outcome: Result<AssignmentRequest> }> {
    const { wizard } = this.deps.services;
    const { actor } = ctx;
    const data = action.data;
    switch (action.verb) {
      case VERBS.wizardKind:
        return {
          outcome: await wizard.chooseKind(id, actor, (text(data, 'kind') ?? 'app') as ItemKind),
        };
      case VERBS.wizardSearch:
        return this.search(id, ctx, text(data, 'query', 100) ?? '');
      case VERBS.wizardItem:
        return { outcome: await wizard.chooseItem(id, actor, text(data, 'itemId') ?? '') };
      case VERBS.wizardTargetSearch:
        return this.searchGroups(id, ctx, text(data, 'groupQuery', 100) ?? '');
      case VERBS.wizardTarget: {
        const type = text(data, 'targetType');
        const choice: TargetChoice = {
          type: type === 'allUsers' || type === 'allDevices' ? type : 'group',
          groupId: text(data, 'groupId'),
          exclude: text(data, 'mode') === 'exclude',
        };
        return { outcome: await wizard.chooseTarget(id, actor, choice) };
      }
      case VERBS.wizardIntent: {
        const filterId = text(data, 'filterId');
        const filterMode =
          text(data, 'filterMode') === 'exclude' ? ('exclude' as const) : ('include' as const);
        const choice = {
          intent: text(data, 'intent') as Intent | undefined,
          filterId: filterId && filterId !== NO_FILTER ? filterId : undefined,
          filterMode,
        };
        return { outcome: await wizard.chooseIntent(id, actor, choice) };
      }
      case VERBS.wizardSettings:
        return { outcome: await wizard.chooseSettings(id, actor, settingsInput(data)) };
      case VERBS.wizardDefaults:
        return { outcome: await wizard.useDefaultSettings(id, actor) };
      case VERBS.wizardJustification:
        return {
          outcome: await wizard.setJustification(id, actor, text(data, 'justification') ?? ''),
        };
      case VERBS.wizardAddTarget:
        return { outcome: await wizard.addAnotherTarget(id, actor) };
      case VERBS.wizardRemove:
        return {
          outcome: await wizard.removeAssignment(id, actor, text(data, 'removeKey') ?? ''),
        };
      case VERBS.wizardBack:
        return { outcome: await wizard.back(id, actor) };
      case VERBS.wizardSubmit:
        return { outcome: await wizard.submit(id, actor) };
      case VERBS.wizardDiscard:
        return { outcome: await wizard.discard(id, actor) };
      default:
        return refusal('unknown-verb', `The card action '${action.verb}' is not known.`);
    }
  }

  /** The search-box variant of the item step: the results list under the search box. */
  private async search(
    id: string,
    ctx: ActionContext,
    query: string,
  ): Promise<Answer | { outcome: Result<AssignmentRequest> }> {
    const { wizard } = this.deps.services;
    const draft = await wizard.rememberQuery(id, ctx.actor, 'itemQuery', query);
    if (!draft.ok || query.trim() === '') return { outcome: draft };
    const kind: ItemKind = draft.value.draft?.kind ?? 'app';
    const found = await wizard.searchItems(kind, query, 15);
    if (!found.ok) return { outcome: { ok: false, error: found.error, request: draft.value } };
    const results = itemOptions(found.value);
    return {
      card: await renderWizard(draft.value, this.deps.wizardView, { caps: ctx.caps, results }),
    };
  }

  private async searchGroups(
    id: string,
    ctx: ActionContext,
    query: string,
  ): Promise<Answer | { outcome: Result<AssignmentRequest> }> {
    const { wizard } = this.deps.services;
    const draft = await wizard.rememberQuery(id, ctx.actor, 'groupQuery', query);
    if (!draft.ok || query.trim() === '') return { outcome: draft };
    const found = await wizard.searchGroups(query, 15);
    if (!found.ok) return { outcome: { ok: false, error: found.error, request: draft.value } };
    return {
      card: await renderWizard(draft.value, this.deps.wizardView, {
        caps: ctx.caps,
        results: found.value,
      }),
    };
  }
}
