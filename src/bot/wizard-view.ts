import {
  wizardCard,
  type Caps,
  type CardAttachment,
  type GroupOption,
  type ItemOption,
} from '../cards';
import type { AssignmentRequest } from '../domain/request';
import type { ItemSearchResult, RemovableAssignment, Result } from '../services';
import type { IntentOffer } from '../services/intent-offer';
import type { SettingsForm } from '../services/settings-step';

/** The settings step's side of the wizard use case (see `Wizard`). */
export interface SettingsView {
  hasSettingsStep(draft: AssignmentRequest): boolean;
  settingsForm(draft: AssignmentRequest): Promise<Result<SettingsForm | undefined>>;
}

export interface WizardViewDeps {
  /** The intent step's choices, by the services' rules (see `intentOffer`). */
  intentOffer: (draft: AssignmentRequest) => Promise<IntentOffer>;
  /** The item's current assignments the draft may still ask to remove (none when absent). */
  removable?: (draft: AssignmentRequest) => Promise<RemovableAssignment[]>;
  justificationMax: number;
  /** The settings step; without it the wizard shows none. */
  settings?: SettingsView;
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
  const { intents, filters } =
    step === 'intent' && draft.item && draft.target
      ? await deps.intentOffer(draft)
      : { intents: undefined, filters: undefined };
  // A refused answer is shown again without another Graph read: the picker waits for a good one.
  const removable =
    (step === 'target' || step === 'review') && deps.removable && view.error === undefined
      ? (await deps.removable(draft)).map((r) => ({ title: r.label, value: r.key }))
      : undefined;
  let error = view.error;
  let settingsForm;
  if (step === 'settings' && deps.settings) {
    const form = await deps.settings.settingsForm(draft);
    if (form.ok) settingsForm = form.value;
    else error ??= form.error.message;
  }
  return wizardCard(draft, {
    caps: view.caps,
    removable,
    results: view.results,
    intents,
    filters,
    error,
    justificationMax: deps.justificationMax,
    settingsStep: deps.settings?.hasSettingsStep(draft) ?? false,
    settingsForm,
  });
}
