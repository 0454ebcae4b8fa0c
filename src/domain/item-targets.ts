import { ALL_DEVICES_NAME, ALL_USERS_NAME, type RequestableTarget } from './assignment';
import type { ItemKind } from './request';

/** What an item kind may be assigned to, and which choices its assignments carry. */
export interface KindRules {
  /** Target kinds the kind takes; a group may always be included or excluded. */
  targets: readonly RequestableTarget['kind'][];
  /** Whether assignments carry an install intent (apps only). */
  intent: boolean;
  /** Whether assignments may carry a device assignment filter. */
  filter: boolean;
}

/**
 * The rules per kind. Apps and managed-device policies take groups, All users and All devices,
 * with filters; apps also take an intent. Managed-app configuration policies (delivered through
 * the Intune App SDK) are assigned to groups of users only, included or excluded: no All users,
 * no All devices, no intent and no device filter (Microsoft's "App configuration policies for
 * Intune App SDK managed apps": "assign its settings to groups of users").
 */
const RULES: Record<ItemKind, KindRules> = {
  app: { targets: ['group', 'allUsers', 'allDevices'], intent: true, filter: true },
  configPolicy: { targets: ['group', 'allUsers', 'allDevices'], intent: false, filter: true },
  managedAppConfig: { targets: ['group'], intent: false, filter: false },
};

export function kindRules(kind: ItemKind): KindRules {
  return RULES[kind];
}

/**
 * Whether the wizard's intent-and-filter step applies to the kind: it is skipped for a kind that
 * takes neither an intent nor a filter.
 */
export function hasIntentStep(kind: ItemKind): boolean {
  const rules = RULES[kind];
  return rules.intent || rules.filter;
}

const PLURALS: Record<ItemKind, string> = {
  app: 'Apps',
  configPolicy: 'App configuration policies for managed devices',
  managedAppConfig: 'App configuration policies for managed apps',
};

/** Why `target` cannot be assigned an item of `kind`, or undefined when it can. */
export function targetRefusal(kind: ItemKind, target: RequestableTarget): string | undefined {
  if (RULES[kind].targets.includes(target.kind)) return undefined;
  const name = target.kind === 'allUsers' ? ALL_USERS_NAME : ALL_DEVICES_NAME;
  return `${PLURALS[kind]} are assigned to groups only, not to ${name}; choose a group.`;
}
