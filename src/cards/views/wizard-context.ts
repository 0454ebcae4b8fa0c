import type { Intent } from '../../domain/assignment';
import type { AssignmentFilterSummary } from '../../services/ports/intune';
import type { SettingsForm } from '../../services/settings-step';
import type { Caps } from '../types';
import type { Choice, GroupOption, ItemOption } from './options';

/** What the wizard card needs besides the draft itself. */
export interface WizardContext {
  caps: Caps;
  /** Search results of the item step (items) or the target step (groups). */
  results?: ItemOption[] | GroupOption[];
  /** The intents valid for the chosen app and target (see `allowedIntents`). */
  intents?: Intent[];
  /** Assignment filters to offer; empty or absent on v1.0, which has none. */
  filters?: AssignmentFilterSummary[];
  /** A problem with the last answer, shown in red above the inputs. */
  error?: string;
  /** The justification's maximum length. */
  justificationMax: number;
  /** The item's current assignments the requester may ask to remove, titled by name. */
  removable?: Choice[];
  /** Whether All users / All devices may be chosen (default true); approval policy may forbid. */
  tenantWideTargets?: boolean;
  /** True when the draft's wizard has a settings step (it counts among the steps). */
  settingsStep?: boolean;
  /** The settings step's inputs and starting values. */
  settingsForm?: SettingsForm;
}

/** Ids of the wizard's inputs: what the bot reads from the submitted data besides the verb. */
export const WIZARD_INPUTS = {
  kind: 'kind',
  query: 'query',
  itemId: 'itemId',
  mode: 'mode',
  targetType: 'targetType',
  groupId: 'groupId',
  groupQuery: 'groupQuery',
  intent: 'intent',
  filterId: 'filterId',
  filterMode: 'filterMode',
  justification: 'justification',
  removeKey: 'removeKey',
} as const;

/** The `filterId` value meaning "no assignment filter" (a choice needs a non-empty value). */
export const NO_FILTER = 'none';

/** The `Data.Query` datasets the typeahead inputs ask for in `application/search` invokes. */
export const DATASETS = {
  apps: 'apps',
  configPolicies: 'configPolicies',
  managedAppConfigs: 'managedAppConfigs',
  groups: 'groups',
} as const;
export type Dataset = (typeof DATASETS)[keyof typeof DATASETS];
