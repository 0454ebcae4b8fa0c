import { hasIntentStep } from '../domain/item-targets';
import type { AssignmentRequest, WizardStep } from '../domain/request';
import { stepAfter, stepBefore } from './draft-editor';

/** The kind a draft assigns: the item's, else the one chosen at the first step, else apps. */
function kindOf(draft: AssignmentRequest) {
  return draft.item?.kind ?? draft.draft?.kind ?? 'app';
}

/**
 * The step after `step` for this draft: the intent-and-filter step is skipped for a kind that
 * takes neither (managed-app configuration policies go from the target to the justification).
 */
export function wizardStepAfter(draft: AssignmentRequest, step: WizardStep): WizardStep {
  const next = stepAfter(step);
  return next === 'intent' && !hasIntentStep(kindOf(draft)) ? stepAfter(next) : next;
}

/** The step before `step` for this draft, skipping the intent step where the kind has none. */
export function wizardStepBefore(draft: AssignmentRequest, step: WizardStep): WizardStep {
  const previous = stepBefore(step);
  return previous === 'intent' && !hasIntentStep(kindOf(draft)) ? stepBefore(previous) : previous;
}
