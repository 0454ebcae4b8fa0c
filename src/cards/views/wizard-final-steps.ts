import type { AssignmentRequest } from '../../domain/request';
import { diffRows, isAlreadyAssigned, type DiffRow } from './diff';
import { keptOf } from './request';
import { intentLabel } from './labels';
import { itemKind } from './wizard-frame';
import type { Choice } from './options';
import { isRemoval, requestedList } from '../../domain/request-list';
import { removalPart, type RemovalPart } from './targets';
import { typedText } from './typed';
import { NO_FILTER, type WizardContext } from './wizard-context';

export interface IntentStep {
  isApp: boolean;
  intentChoices: Choice[];
  hasIntents: boolean;
  intent: string;
  hasFilters: boolean;
  filterChoices: Choice[];
  filterId: string;
  filterMode: 'include' | 'exclude';
  note: string;
  hasNote: boolean;
}

/**
 * Step 4: for apps the intents valid for the app type and target, then an optional assignment
 * filter with its mode; for configuration policies (which have no intent) the filter only.
 */
export function intentStep(draft: AssignmentRequest, ctx: WizardContext): IntentStep {
  const isApp = itemKind(draft) === 'app';
  const intents = isApp ? (ctx.intents ?? []) : [];
  const filters = ctx.filters ?? [];
  const intent = draft.intent !== undefined && intents.includes(draft.intent) ? draft.intent : '';
  let note = '';
  if (isApp && intents.length === 0) {
    note = 'No install intent applies to this app and target. Go back and choose another target.';
  } else if (filters.length === 0) {
    note = 'No assignment filters are available, so the assignment applies without one.';
  }
  return {
    isApp,
    intentChoices: intents.map((value) => ({ title: intentLabel(value), value })),
    hasIntents: intents.length > 0,
    intent: intent || (intents[0] ?? ''),
    hasFilters: filters.length > 0,
    filterChoices: [
      { title: 'No filter', value: NO_FILTER },
      ...filters.map((f) => ({ title: `${f.name} (${f.platform})`, value: f.id })),
    ],
    filterId: draft.filter?.id ?? NO_FILTER,
    filterMode: draft.filter?.mode ?? 'include',
    note,
    hasNote: note !== '',
  };
}

export interface JustificationStep {
  justification: string;
  justificationMax: number;
  errorMessage: string;
}

/** Step 5: a required, length-limited justification (also sent to Intune for Multi Admin Approval). */
export function justificationStep(draft: AssignmentRequest, ctx: WizardContext): JustificationStep {
  return {
    justification: draft.justification ?? '',
    justificationMax: ctx.justificationMax,
    errorMessage: `Say why this is needed, in at most ${ctx.justificationMax} characters.`,
  };
}

export interface ReviewStep {
  /** As typed: the template shows it as a `TextRun`, never as markdown. */
  justification: string;
  diff: DiffRow[];
  hasDiff: boolean;
  kept: string;
  hasKept: boolean;
  note: string;
  hasNote: boolean;
  showSubmit: boolean;
}

export type ReviewView = ReviewStep & RemovalPart;

/** What the review says when the request only re-states assignments that are in place. */
export const NOTHING_TO_REQUEST =
  'This is already assigned that way, so there is nothing to request. Choose Back to change the target or intent, or Discard this draft.';

/** The same, for a request that removes something: what it removes is already gone. */
export const NOTHING_TO_CHANGE =
  'The current assignments are already as this request asks (what it removes is not assigned), so there is nothing to request. Choose Back to change it, or Discard this draft.';

/**
 * Step 6: everything chosen, the justification and the diff against the current assignments.
 * When every line re-states an assignment in place there is nothing to request: no Submit (the
 * server refuses a forged one too), and the note says so and how to go on.
 */
export function reviewStep(draft: AssignmentRequest, ctx: WizardContext): ReviewView {
  const diff = diffRows(draft.diff);
  const inPlace = isAlreadyAssigned(draft.diff);
  const removal = removalPart(draft, ctx);
  let note = '';
  if (diff.length === 0) note = 'The change against the current assignments is not known yet.';
  else if (inPlace)
    note = requestedList(draft).some(isRemoval) ? NOTHING_TO_CHANGE : NOTHING_TO_REQUEST;
  return {
    justification: typedText(draft.justification ?? ''),
    diff,
    hasDiff: diff.length > 0,
    ...keptOf(draft),
    note,
    hasNote: note !== '',
    showSubmit: !inPlace,
    ...removal,
    // Nothing to request here: the way on is Back (another target) or Discard.
    showAddTarget: removal.showAddTarget && !inPlace,
  };
}
