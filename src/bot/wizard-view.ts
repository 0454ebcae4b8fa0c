import {
  wizardCard,
  type Caps,
  type CardAttachment,
  type GroupOption,
  type ItemOption,
} from '../cards';
import { allowedIntents } from '../domain/intents';
import type { AssignmentRequest } from '../domain/request';
import type { ItemSearchResult, Result } from '../services';
import type { SettingsForm } from '../services/settings-step';
import type { AssignmentFilterSummary } from '../services/ports/intune';

/** The settings step's side of the wizard use case (see `Wizard`). */
export interface SettingsView {
  hasSettingsStep(draft: AssignmentRequest): boolean;
  settingsForm(draft: AssignmentRequest): Promise<Result<SettingsForm | undefined>>;
}

export interface WizardViewDeps {
  listFilters: () => Promise<AssignmentFilterSummary[]>;
  justificationMax: number;
  /** The settings step; without it the wizard shows none. */
  settings?: SettingsView;
}

const PLATFORM_FILTERS: Record<string, RegExp> = {
  Windows: /^windows/i,
  'iOS/iPadOS': /^ios/i,
  Android: /^android/i,
  macOS: /^macos/i,
};

/** Filters that apply to the item's platform (all of them when the platform has no filters). */
function filtersFor(
  filters: AssignmentFilterSummary[],
  platform: string | undefined,
): AssignmentFilterSummary[] {
  const pattern = platform ? PLATFORM_FILTERS[platform] : undefined;
  return pattern ? filters.filter((f) => pattern.test(f.platform)) : filters;
}

/** Turns the use case's search results into the options the item step shows. */
export function itemOptions(results: ItemSearchResult[]): ItemOption[] {
  return results.map((r) =>
    r.kind !== 'app'
      ? {
          id: r.id,
          name: r.name,
          policyType: r.type,
          platform: r.platform,
          assignmentCount: r.assignmentCount ?? 0,
        }
      : {
          id: r.id,
          name: r.name,
          publisher: r.publisher ?? '',
          appType: r.type,
          platform: r.platform,
          published: r.published,
          assignmentCount: r.assignmentCount,
          isAssigned: r.isAssigned,
        },
  );
}

/** The wizard card for a draft at its step, with what that step needs to show. */
export async function renderWizard(
  draft: AssignmentRequest,
  deps: WizardViewDeps,
  view: { caps: Caps; error?: string; results?: ItemOption[] | GroupOption[] },
): Promise<CardAttachment> {
  const step = draft.draft?.step;
  let intents;
  let filters;
  if (step === 'intent' && draft.item && draft.target) {
    intents = draft.item.kind === 'app' ? allowedIntents(draft.item.type, draft.target) : undefined;
    const excluded = draft.target.kind === 'group' && draft.target.exclude;
    filters = excluded ? [] : filtersFor(await deps.listFilters(), draft.item.platform);
  }
  let error = view.error;
  let settingsForm;
  if (step === 'settings' && deps.settings) {
    const form = await deps.settings.settingsForm(draft);
    if (form.ok) settingsForm = form.value;
    else error ??= form.error.message;
  }
  return wizardCard(draft, {
    caps: view.caps,
    results: view.results,
    intents,
    filters,
    error,
    justificationMax: deps.justificationMax,
    settingsStep: deps.settings?.hasSettingsStep(draft) ?? false,
    settingsForm,
  });
}
