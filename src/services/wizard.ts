import { randomUUID } from 'node:crypto';
import { mayRequest } from '../domain/approval-policy';
import { hasIntentStep } from '../domain/item-targets';
import { listConflict } from '../domain/request-list';
import {
  isItemKind,
  type AssignmentRequest,
  type ItemKind,
  type WizardStep,
} from '../domain/request';
import { assertTenant, personOf, type Actor } from './actor';
import { clearedAfter, DraftEditor, type Draft } from './draft-editor';
import { DraftReview } from './draft-review';
import type { ServiceOptions } from './options';
import type { GroupSummary } from './ports/directory';
import { attempt, Refusal, type Result } from './result';
import { SettingsStep, type SettingsForm } from './settings-step';
import { applyEvent } from './transitions';
import { wizardStepAfter, wizardStepBefore } from './wizard-steps';
import {
  checkIntent,
  checkTargetForKind,
  refusePolicySet,
  resolveFilter,
  resolveItem,
  resolveTarget,
  type IntentChoice,
  type TargetChoice,
} from './wizard-choices';
import { WizardTargets, type RemovableAssignment } from './wizard-targets';

export type { IntentChoice, TargetChoice } from './wizard-choices';
export type { RemovableAssignment } from './wizard-targets';
export type { SettingsForm } from './settings-step';

/** One search result of the item step, for apps and configuration policies alike. */
export interface ItemSearchResult {
  kind: ItemKind;
  id: string;
  name: string;
  publisher?: string;
  /** Graph type without namespace, e.g. `win32LobApp`. */
  type: string;
  platform: string;
  assignmentCount?: number;
  /** Whether an app has any assignment, when only that is known (the beta catalog listing). */
  isAssigned?: boolean;
  /** False for an app that is not published (it cannot be assigned). */
  published: boolean;
}

type Changes = Partial<AssignmentRequest>;

/**
 * The request wizard: kind, item, target, intent and filter, justification, review, submit. Each
 * step re-reads what it names through the ports, stores the draft by compare-and-set and answers
 * the draft as it now stands; a refusal comes back with the draft so the card can show why.
 * Choosing a different value at a step clears the choices of the steps after it.
 */
export class Wizard {
  private readonly editor: DraftEditor;
  private readonly review: DraftReview;
  private readonly targets: WizardTargets;
  private readonly settingsStep: SettingsStep;

  constructor(private readonly options: ServiceOptions) {
    this.editor = new DraftEditor(options);
    this.review = new DraftReview(options, this.editor);
    this.targets = new WizardTargets(options, this.editor);
    this.settingsStep = new SettingsStep(options);
  }

  /** Starts a draft for an allowed requester, at the kind step. */
  startDraft(actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      assertTenant(actor, this.options.settings.allowedTenantId);
      const allowed = await this.options.authorizer.isAllowedRequester(actor.id);
      const check = mayRequest({ isAllowedRequester: allowed });
      if (!check.ok) throw check.error;
      const now = this.options.clock.now().toISOString();
      const draft: AssignmentRequest = {
        id: randomUUID(),
        revision: 1,
        status: 'draft',
        tenantId: actor.tenantId,
        requester: personOf(actor),
        draft: { step: 'kind' },
        createdAt: now,
        updatedAt: now,
        attempts: 0,
      };
      await this.options.store.create(draft);
      return draft;
    });
  }

  chooseKind(draftId: string, actor: Actor, kind: ItemKind): Promise<Result<AssignmentRequest>> {
    return this.step(draftId, actor, 'kind', async (draft) => {
      if (!isItemKind(kind)) {
        throw new Refusal('invalid-request', 'Choose a mobile app or an app configuration policy.');
      }
      const changed = draft.draft.kind !== kind;
      return { ...(changed ? clearedAfter('kind') : {}), draft: { ...draft.draft, kind } };
    });
  }

  chooseItem(draftId: string, actor: Actor, itemId: string): Promise<Result<AssignmentRequest>> {
    return this.step(draftId, actor, 'item', async (draft) => {
      const kind = draft.draft.kind ?? 'app';
      const item = await resolveItem(this.options.intune, kind, itemId);
      await refusePolicySet(this.options.intune, this.options.directory, item);
      const changed = draft.item?.id !== item.id;
      return { ...(changed ? clearedAfter('item') : {}), item };
    });
  }

  chooseTarget(
    draftId: string,
    actor: Actor,
    choice: TargetChoice,
  ): Promise<Result<AssignmentRequest>> {
    return this.step(draftId, actor, 'target', async (draft) => {
      const { target, targetName } = await resolveTarget(this.options.directory, choice);
      checkTargetForKind(draft.item?.kind ?? draft.draft.kind ?? 'app', target);
      const conflict = listConflict(draft.assignments ?? [], { target, targetName });
      if (conflict !== undefined) throw new Refusal('target-conflict', conflict);
      const changed = JSON.stringify(draft.target) !== JSON.stringify(target);
      return { ...(changed ? clearedAfter('target') : {}), target, targetName };
    });
  }

  chooseIntent(
    draftId: string,
    actor: Actor,
    choice: IntentChoice,
  ): Promise<Result<AssignmentRequest>> {
    return this.step(draftId, actor, 'intent', async (draft) => {
      const { item, target, targetName } = draft;
      if (!item || !target) throw new Refusal('invalid-state', 'Choose the item and target first.');
      if (!hasIntentStep(item.kind)) {
        throw new Refusal('invalid-request', `${item.name} takes no intent and no filter.`);
      }
      const intent = checkIntent(item, target, targetName ?? target.kind, choice.intent);
      const filter = await resolveFilter(this.options.intune, item, target, choice);
      // Settings chosen for the same intent still apply; another intent has other rules.
      const kept: Changes = intent === draft.intent ? { settings: draft.settings } : {};
      return { ...clearedAfter('intent'), intent, filter, ...kept };
    });
  }

  /** From the review: keeps this target in the request and asks for another (see WizardTargets). */
  addAnotherTarget(draftId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(() => this.targets.addAnother(draftId, actor));
  }

  /** Adds the removal of the item's current assignment `key` names (see WizardTargets). */
  removeAssignment(draftId: string, actor: Actor, key: string): Promise<Result<AssignmentRequest>> {
    return attempt(() => this.targets.remove(draftId, actor, key));
  }

  /** The item's current assignments a draft may still ask to remove, by name. */
  removable(draft: AssignmentRequest): Promise<Result<RemovableAssignment[]>> {
    return attempt(() => this.targets.removable(draft));
  }

  /** The settings step's answer: the submitted card's values, checked (see {@link SettingsStep}). */
  chooseSettings(
    draftId: string,
    actor: Actor,
    data: Record<string, unknown>,
  ): Promise<Result<AssignmentRequest>> {
    return this.step(draftId, actor, 'settings', async (draft) => ({
      settings: await this.settingsStep.choose(draft, data),
    }));
  }

  /** "Use defaults" at the settings step: no settings chosen, the assignment gets the usual ones. */
  useDefaultSettings(draftId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return this.step(draftId, actor, 'settings', () => Promise.resolve({ settings: undefined }));
  }

  /** What the settings card of a draft shows; undefined where the step does not apply. */
  settingsForm(draft: AssignmentRequest): Promise<Result<SettingsForm | undefined>> {
    return attempt(() => this.settingsStep.form(draft));
  }

  /** True when the draft's wizard has a settings step (see {@link SettingsStep}). */
  hasSettingsStep(draft: AssignmentRequest): boolean {
    return this.settingsStep.applies(draft);
  }

  setJustification(draftId: string, actor: Actor, text: string): Promise<Result<Draft>> {
    return attempt(() => this.review.setJustification(draftId, actor, text));
  }

  /** The actor's draft as it stands, to show it again (e.g. with search results). */
  open(draftId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(() => this.editor.open(draftId, actor));
  }

  /** Remembers the last search of the item or target step (the search-box variant shows it). */
  rememberQuery(
    draftId: string,
    actor: Actor,
    field: 'itemQuery' | 'groupQuery',
    query: string,
  ): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      const draft = await this.editor.open(draftId, actor);
      if (draft.draft[field] === query) return draft;
      return this.editor.save(draft, { draft: { ...draft.draft, [field]: query } });
    });
  }

  /** Goes one step back, keeping the choices made (they are shown again). */
  back(draftId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      const draft = await this.editor.open(draftId, actor);
      if (draft.draft.step === 'kind') return draft;
      // A request of removals only has no intent step to go back to.
      const onlyRemovals = draft.draft.step === 'justification' && draft.target === undefined;
      const step = onlyRemovals ? 'target' : this.around(wizardStepBefore, draft.draft.step, draft);
      return this.editor.save(draft, {
        diff: undefined,
        kept: undefined,
        draft: { ...draft.draft, step },
      });
    });
  }

  submit(draftId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(() => this.review.submit(draftId, actor));
  }

  /** Cancels a draft (audited like any transition). */
  discard(draftId: string, actor: Actor): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      const draft = await this.editor.open(draftId, actor);
      const event = { type: 'cancel' as const, by: personOf(actor) };
      const applied = await applyEvent(this.options, draft, event, { actor: personOf(actor) });
      if (applied.kind === 'won') return applied.request;
      const current = applied.kind === 'lost' ? applied.current : applied.request;
      throw new Refusal('conflict', 'This draft was changed in another window first.', current);
    });
  }

  /** Apps or configuration policies whose name matches, from the cached catalog. */
  searchItems(kind: ItemKind, query: string, limit = 25): Promise<Result<ItemSearchResult[]>> {
    return attempt(async () => {
      if (kind !== 'app') {
        const { intune } = this.options;
        const policies =
          kind === 'configPolicy'
            ? await intune.searchConfigPolicies(query, limit)
            : await intune.searchManagedAppConfigs(query, limit);
        return policies.map((p) => ({
          kind,
          id: p.id,
          name: p.name,
          type: p.policyType,
          platform: p.platform,
          assignmentCount: p.assignmentCount,
          published: true,
        }));
      }
      const apps = await this.options.intune.searchApps(query, limit);
      return apps.map((a) => ({
        kind: 'app' as const,
        id: a.id,
        name: a.name,
        publisher: a.publisher,
        type: a.appType,
        platform: a.platform,
        assignmentCount: a.assignmentCount,
        isAssigned: a.isAssigned,
        published: a.published,
      }));
    });
  }

  searchGroups(query: string, limit = 25): Promise<Result<GroupSummary[]>> {
    return attempt(() => this.options.directory.searchGroups(query, limit));
  }

  /** The step `move` leads to from `step`, passing over a settings step that does not apply. */
  private around(
    move: (draft: AssignmentRequest, step: WizardStep) => WizardStep,
    step: WizardStep,
    draft: AssignmentRequest,
  ): WizardStep {
    const to = move(draft, step);
    return to === 'settings' && !this.settingsStep.applies(draft) ? move(draft, to) : to;
  }

  /** One wizard step: open the draft at `step`, work out the changes, move to the next step. */
  private step(
    draftId: string,
    actor: Actor,
    step: WizardStep,
    change: (draft: Draft) => Promise<Changes>,
  ): Promise<Result<AssignmentRequest>> {
    return attempt(async () => {
      const draft = await this.editor.open(draftId, actor, step);
      const changes = await this.editor.within(draft, () => change(draft));
      const saved = { ...draft, ...changes } as Draft;
      const wizard = {
        ...draft.draft,
        ...changes.draft,
        step: this.around(wizardStepAfter, step, saved),
      };
      return this.editor.save(draft, {
        diff: undefined,
        kept: undefined,
        ...changes,
        draft: wizard,
      });
    });
  }
}
