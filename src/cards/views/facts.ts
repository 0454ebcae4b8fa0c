import { kindRules } from '../../domain/item-targets';
import type { AssignmentRequest } from '../../domain/request';
import { describeSettings } from '../../domain/settings-words';
import { entryFacts } from './targets';
import { filterLabel, intentLabel, itemLabel, kindLabel, targetLabel } from './labels';

/** A title/value row of a FactSet. */
export interface Fact {
  title: string;
  value: string;
}

/** Steps at which the intent step, and with it the choice of "no filter", lies behind. */
const PAST_INTENT = new Set(['settings', 'justification', 'review']);

/**
 * What a draft holds so far, as FactSet rows: kind, item, target, intent and filter, each once it
 * is known. After the intent step a missing filter reads `None`, a choice rather than a gap.
 */
export function chosenFacts(draft: AssignmentRequest): Fact[] {
  const facts: Fact[] = [];
  const kind = draft.draft?.kind ?? draft.item?.kind;
  if (kind !== undefined) facts.push({ title: 'Kind', value: kindLabel(kind) });
  if (draft.item !== undefined) facts.push({ title: 'Item', value: itemLabel(draft.item) });
  // The targets already in the request, then the one being chosen.
  facts.push(...entryFacts(draft.assignments ?? []));
  if (draft.target !== undefined) {
    facts.push({ title: 'Target', value: targetLabel(draft.target, draft.targetName) });
  }
  if (draft.intent !== undefined) facts.push({ title: 'Intent', value: intentLabel(draft.intent) });
  const takesFilter = kind === undefined || kindRules(kind).filter;
  if (draft.filter !== undefined || (takesFilter && PAST_INTENT.has(draft.draft?.step ?? ''))) {
    facts.push({ title: 'Filter', value: filterLabel(draft.filter) });
  }
  const settings = settingsFact(draft);
  if (settings !== undefined) facts.push(settings);
  return facts;
}

/**
 * The settings a request chose, in plain words (`notifications: hide all; installation deadline:
 * 2026-12-10 17:00`); undefined when it chose none, so a request with the usual settings shows
 * no row.
 */
export function settingsFact(request: AssignmentRequest): Fact | undefined {
  const words = describeSettings(request.settings);
  return words.length > 0 ? { title: 'Settings', value: words.join('; ') } : undefined;
}
