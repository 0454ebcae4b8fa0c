import type { AssignmentRequest, WizardStep } from '../../domain/request';
import type { TemplateName } from '../render';
import { itemKind, wizardFrame, type WizardFrame } from './wizard-frame';
import type { WizardContext } from './wizard-context';
import { intentStep, justificationStep, reviewStep } from './wizard-final-steps';
import { itemStep, targetStep } from './wizard-search-steps';
import { settingsStep } from './wizard-settings';

/** The step's template and its view model: the frame plus the step's own fields. */
export interface WizardView {
  template: TemplateName;
  model: WizardFrame & object;
}

function kindStep(draft: AssignmentRequest): { kind: string } {
  return { kind: itemKind(draft) };
}

function stepModel(step: WizardStep, draft: AssignmentRequest, ctx: WizardContext): object {
  switch (step) {
    case 'kind':
      return kindStep(draft);
    case 'item':
      return itemStep(draft, ctx);
    case 'target':
      return targetStep(draft, ctx);
    case 'intent':
      return intentStep(draft, ctx);
    case 'settings':
      return settingsStep(draft, ctx);
    case 'justification':
      return justificationStep(draft, ctx);
    case 'review':
      return reviewStep(draft, ctx);
  }
}

/**
 * The wizard card of a draft at its current step (`draft.draft.step`, the first step when absent).
 * Pure: everything shown comes from the draft and `ctx`.
 */
export function wizardView(draft: AssignmentRequest, ctx: WizardContext): WizardView {
  const step = draft.draft?.step ?? 'kind';
  return {
    template: `wizard-${step}`,
    model: {
      ...wizardFrame(draft, step, ctx.error, ctx.settingsStep === true || step === 'settings'),
      ...stepModel(step, draft, ctx),
    },
  };
}
