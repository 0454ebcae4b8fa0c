import type { GroupSummary } from '../../services/ports/directory';
import type { AppSummary, ConfigPolicySummary } from '../../services/ports/intune';
import { appTypeLabel, assignmentCountLabel } from './labels';

/** A search result of the item step: an app or an app configuration policy. */
export type ItemOption = AppSummary | ConfigPolicySummary;

/** A search result of the target step. */
export type GroupOption = GroupSummary;

/** A choice of an `Input.ChoiceSet`. */
export interface Choice {
  title: string;
  value: string;
}

/**
 * At most this many results are put on a card: Teams' typeahead shows 15 and a longer list only
 * makes the card heavy; a narrower search is the answer.
 */
export const MAX_RESULTS = 15;

export function isItemOption(option: ItemOption | GroupOption): option is ItemOption {
  return 'appType' in option || 'policyType' in option;
}

function appAssignments(app: AppSummary): string | undefined {
  if (app.assignmentCount !== undefined) return assignmentCountLabel(app.assignmentCount);
  if (app.isAssigned !== undefined) return app.isAssigned ? 'assigned' : 'no assignments';
  return undefined;
}

/**
 * `Zoom Workplace — Zoom Video Communications · Windows (Win32) · 4 assignments`; the count is
 * left out when unknown, and a policy shows its platform and count.
 */
export function itemOptionTitle(option: ItemOption): string {
  if ('policyType' in option) {
    return `${option.name} — ${option.platform} · ${assignmentCountLabel(option.assignmentCount)}`;
  }
  const parts = [`${option.platform} (${appTypeLabel(option.appType)})`, appAssignments(option)];
  if (!option.published) parts.push('not published');
  const publisher = option.publisher ? ` — ${option.publisher}` : '';
  return `${option.name}${publisher} · ${parts.filter((p) => p !== undefined).join(' · ')}`;
}

/** `Sales — security`, with the description when there is one. */
export function groupOptionTitle(option: GroupOption): string {
  const description = option.description ? ` · ${option.description}` : '';
  return `${option.name} — ${option.kind}${description}`;
}

/** Choices for the item step from whatever results the caller passed. */
export function itemChoices(results: readonly (ItemOption | GroupOption)[] | undefined): Choice[] {
  return (results ?? [])
    .filter(isItemOption)
    .slice(0, MAX_RESULTS)
    .map((option) => ({ title: itemOptionTitle(option), value: option.id }));
}

/** Choices for the target step from whatever results the caller passed. */
export function groupChoices(results: readonly (ItemOption | GroupOption)[] | undefined): Choice[] {
  return (results ?? [])
    .filter((option): option is GroupOption => !isItemOption(option))
    .slice(0, MAX_RESULTS)
    .map((option) => ({ title: groupOptionTitle(option), value: option.id }));
}
