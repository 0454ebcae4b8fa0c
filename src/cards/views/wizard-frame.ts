import {
  WIZARD_STEPS,
  type AssignmentRequest,
  type ItemKind,
  type WizardStep,
} from '../../domain/request';
import { hasIntentStep } from '../../domain/item-targets';
import { chosenFacts, type Fact } from './facts';

/** What every wizard step shows around its own inputs (the top of each `cards/wizard-*.json`). */
export interface WizardFrame {
  requestId: string;
  header: string;
  title: string;
  chosen: Fact[];
  hasChosen: boolean;
  error: string;
  hasError: boolean;
  showBack: boolean;
}

const TITLES: Record<WizardStep, string> = {
  kind: 'What do you want to assign?',
  item: 'Which app?',
  target: 'Who should get it?',
  intent: 'How should it be assigned?',
  settings: 'Assignment settings',
  justification: 'Why is it needed?',
  review: 'Review and submit',
};

const ITEM_TITLES: Record<ItemKind, string> = {
  app: TITLES.item,
  configPolicy: 'Which app configuration policy?',
  managedAppConfig: 'Which app configuration policy for managed apps?',
};

/** The steps a draft of this kind goes through (no intent step for a kind without one). */
function stepsOf(kind: ItemKind): WizardStep[] {
  return WIZARD_STEPS.filter((s) => s !== 'intent' || hasIntentStep(kind));
}

/** The kind chosen at the first step (apps until then). */
export function itemKind(draft: AssignmentRequest): ItemKind {
  return draft.draft?.kind ?? draft.item?.kind ?? 'app';
}

/**
 * The frame of step `step` of a draft: header, choices so far, error, and whether Back applies.
 * The settings step counts only where it applies (`withSettings`).
 */
export function wizardFrame(
  draft: AssignmentRequest,
  step: WizardStep,
  error: string | undefined,
  withSettings = false,
): WizardFrame {
  const steps = stepsOf(itemKind(draft)).filter((s) => withSettings || s !== 'settings');
  const index = Math.max(steps.indexOf(step), 0);
  const chosen = chosenFacts(draft);
  return {
    requestId: draft.id,
    header: `New request · step ${index + 1} of ${steps.length}`,
    title: step === 'item' ? ITEM_TITLES[itemKind(draft)] : TITLES[step],
    chosen,
    hasChosen: chosen.length > 0,
    error: error ?? '',
    hasError: error !== undefined && error !== '',
    showBack: index > 0,
  };
}
