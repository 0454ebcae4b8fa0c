import { isRequester } from '../domain/approval-policy';
import {
  describeStatus,
  WIZARD_STEPS,
  type AssignmentRequest,
  type DraftState,
  type WizardStep,
} from '../domain/request';
import { assertTenant, type Actor } from './actor';
import type { ServiceOptions } from './options';
import { aboutRequest, Refusal } from './result';
import { saveEdit } from './transitions';

/** A request that is still a draft, with its wizard state. */
export type Draft = AssignmentRequest & { draft: DraftState };

/** The fields each step chooses; choosing again clears the later steps' fields. */
const STEP_FIELDS: Record<WizardStep, (keyof AssignmentRequest)[]> = {
  kind: [],
  item: ['item'],
  // The other targets of the request are of the item: a new item starts the list again.
  target: ['target', 'targetName', 'assignments'],
  intent: ['intent', 'filter'],
  settings: ['settings'],
  // The justification is the user's prose and survives a change of earlier choices.
  justification: [],
  review: ['diff', 'kept'],
};

const STEP_NAMES: Record<WizardStep, string> = {
  kind: 'what to assign',
  item: 'the item',
  target: 'the target',
  intent: 'the intent and filter',
  settings: 'the assignment settings',
  justification: 'the justification',
  review: 'the review',
};

export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step);
}

/** The step after `step` (the last step stays). */
export function stepAfter(step: WizardStep): WizardStep {
  return WIZARD_STEPS[stepIndex(step) + 1] ?? step;
}

/** The step before `step` (the first step stays). */
export function stepBefore(step: WizardStep): WizardStep {
  return WIZARD_STEPS[Math.max(stepIndex(step) - 1, 0)] ?? step;
}

/**
 * Steps a requester may pass over by answering the next one: at the settings step, answering the
 * justification keeps the default settings (as "Use defaults" does).
 */
const OPTIONAL_STEPS: ReadonlySet<WizardStep> = new Set(['settings']);

/** True when a wizard standing at `at` may answer `step`: reached, or only optional steps between. */
export function hasReached(at: WizardStep, step: WizardStep): boolean {
  const between = WIZARD_STEPS.slice(stepIndex(at), stepIndex(step));
  return between.every((s) => OPTIONAL_STEPS.has(s));
}

/** Changes that empty the fields of every step after `step`. */
export function clearedAfter(step: WizardStep): Partial<AssignmentRequest> {
  const later = WIZARD_STEPS.slice(stepIndex(step) + 1);
  return Object.fromEntries(
    later.flatMap((s) => STEP_FIELDS[s]).map((field) => [field, undefined]),
  );
}

/**
 * Opens and stores drafts for the wizard: only the draft's requester may touch it, only while it is
 * a draft, and a step only once the wizard has reached it. Every store is a compare-and-set.
 */
export class DraftEditor {
  constructor(private readonly options: ServiceOptions) {}

  /** The actor's draft, refused unless the wizard has reached `step`. */
  async open(draftId: string, actor: Actor, step: WizardStep = 'kind'): Promise<Draft> {
    assertTenant(actor, this.options.settings.allowedTenantId);
    const request = await this.options.store.get(draftId);
    if (request === undefined) {
      throw new Refusal(
        'unknown-request',
        'This draft no longer exists; type "assign" to start again.',
      );
    }
    if (!isRequester(request, actor)) {
      throw new Refusal('not-requester', `Only ${request.requester.name} may change this draft.`);
    }
    if (request.status !== 'draft' || request.draft === undefined) {
      const why = `${describeStatus(request)}; it can no longer be changed.`;
      throw new Refusal('invalid-state', why, request);
    }
    const draft = request as Draft;
    if (!hasReached(draft.draft.step, step)) {
      const message = `Choose ${STEP_NAMES[draft.draft.step]} first.`;
      throw new Refusal('invalid-state', message, draft);
    }
    return draft;
  }

  /** Stores `changes` to the draft; a lost compare-and-set is a `conflict` with the draft as it is. */
  async save(draft: Draft, changes: Partial<AssignmentRequest>): Promise<Draft> {
    const saved = await saveEdit(this.options, draft, changes);
    if (saved.ok) return saved.request as Draft;
    throw new Refusal(
      'conflict',
      'This draft was changed in another window first; here it is as it stands now.',
      saved.current,
    );
  }

  /** Runs a step's work; any refusal or port error comes back with the draft as it stands. */
  within<T>(draft: Draft, work: () => Promise<T>): Promise<T> {
    return aboutRequest(draft, work);
  }
}
