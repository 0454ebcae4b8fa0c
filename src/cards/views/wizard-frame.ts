import {
  WIZARD_STEPS,
  type AssignmentRequest,
  type ItemKind,
  type WizardStep,
} from '../../domain/request';
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

const POLICY_TITLE = 'Which app configuration policy?';

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
  const steps = WIZARD_STEPS.filter((s) => withSettings || s !== 'settings');
  const index = steps.indexOf(step);
  const chosen = chosenFacts(draft);
  return {
    requestId: draft.id,
    header: `New request · step ${index + 1} of ${steps.length}`,
    title: step === 'item' && itemKind(draft) === 'configPolicy' ? POLICY_TITLE : TITLES[step],
    chosen,
    hasChosen: chosen.length > 0,
    error: error ?? '',
    hasError: error !== undefined && error !== '',
    showBack: index > 0,
  };
}
