import { kindRules } from '../../domain/item-targets';
import type { AssignmentRequest, ItemKind } from '../../domain/request';
import { itemLabel } from './labels';
import { itemKind } from './wizard-frame';
import { groupChoices, itemChoices, type Choice } from './options';
import { typedText } from './typed';
import { removalPart, type RemovalPart } from './targets';
import { DATASETS, type Dataset, type WizardContext } from './wizard-context';

/** The search part shared by the item and target steps: typeahead or search box plus results. */
export interface SearchPart {
  typeahead: boolean;
  searchBox: boolean;
  dataset: Dataset;
  choices: Choice[];
  hasChoices: boolean;
  /** Whether the search-box variant shows its results list. */
  showResults: boolean;
  query: string;
  hint: string;
  showHint: boolean;
}

function searchPart(
  ctx: WizardContext,
  options: { dataset: Dataset; choices: Choice[]; query: string; noun: string },
): SearchPart {
  const { choices, query } = options;
  const searchBox = !ctx.caps.typeahead;
  let hint = '';
  if (searchBox && choices.length === 0) {
    hint = query
      ? `No ${options.noun} matches "${typedText(query)}". Try another part of the name.`
      : `Type part of the name and choose Search.`;
  }
  return {
    typeahead: ctx.caps.typeahead,
    searchBox,
    dataset: options.dataset,
    choices,
    hasChoices: choices.length > 0,
    showResults: searchBox && choices.length > 0,
    query,
    hint,
    showHint: hint !== '',
  };
}

/** Puts the current choice first when the results do not hold it, so it stays selected. */
function withCurrent(choices: Choice[], current: Choice | undefined): Choice[] {
  if (current === undefined || choices.some((c) => c.value === current.value)) return choices;
  return [current, ...choices];
}

export interface ItemStep extends SearchPart {
  itemLabel: string;
  placeholder: string;
  itemId: string;
}

/** What the item step searches and says, per kind. */
const ITEM_SEARCH: Record<
  ItemKind,
  { dataset: Dataset; noun: string; label: string; plural: string }
> = {
  app: { dataset: DATASETS.apps, noun: 'app', label: 'App', plural: 'apps' },
  configPolicy: {
    dataset: DATASETS.configPolicies,
    noun: 'app configuration policy',
    label: 'App configuration policy',
    plural: 'policies',
  },
  managedAppConfig: {
    dataset: DATASETS.managedAppConfigs,
    noun: 'app configuration policy for managed apps',
    label: 'App configuration policy (managed apps)',
    plural: 'policies',
  },
};

/** Step 2: the app or policy, by typeahead (Teams) or a search box and a results list. */
export function itemStep(draft: AssignmentRequest, ctx: WizardContext): ItemStep {
  const kind = itemKind(draft);
  const search = ITEM_SEARCH[kind];
  const item = draft.item?.kind === kind ? draft.item : undefined;
  const current = item && { title: itemLabel(item), value: item.id };
  const choices = withCurrent(itemChoices(ctx.results), current);
  return {
    ...searchPart(ctx, {
      dataset: search.dataset,
      choices,
      query: draft.draft?.itemQuery ?? '',
      noun: search.noun,
    }),
    itemLabel: search.label,
    placeholder: `Type to search ${search.plural} by name`,
    itemId: item?.id ?? '',
  };
}

export interface TargetStep extends SearchPart, RemovalPart {
  mode: 'include' | 'exclude';
  targetType: 'group' | 'allUsers' | 'allDevices';
  targetTypeChoices: Choice[];
  groupId: string;
}

/** Step 3: include or exclude; a group (typeahead or search) or, for includes, All users/devices. */
export function targetStep(draft: AssignmentRequest, ctx: WizardContext): TargetStep {
  const target = draft.target;
  const group = target?.kind === 'group' ? target : undefined;
  const current = group && { title: draft.targetName ?? group.groupId, value: group.groupId };
  const targetTypeChoices: Choice[] = [{ title: 'A group', value: 'group' }];
  const takes = kindRules(itemKind(draft)).targets;
  if (ctx.tenantWideTargets ?? true) {
    if (takes.includes('allUsers')) {
      targetTypeChoices.push({ title: 'All users (include only)', value: 'allUsers' });
    }
    if (takes.includes('allDevices')) {
      targetTypeChoices.push({ title: 'All devices (include only)', value: 'allDevices' });
    }
  }
  return {
    ...searchPart(ctx, {
      dataset: DATASETS.groups,
      choices: withCurrent(groupChoices(ctx.results), current),
      query: draft.draft?.groupQuery ?? '',
      noun: 'group',
    }),
    mode: group?.exclude ? 'exclude' : 'include',
    targetType: target?.kind ?? 'group',
    targetTypeChoices,
    groupId: group?.groupId ?? '',
    ...removalPart(draft, ctx),
  };
}
