import {
  ALL_DEVICES_NAME,
  ALL_USERS_NAME,
  type CurrentAssignment,
  type FilterRef,
  type Intent,
  type RequestableTarget,
} from '../domain/assignment';
import { sameId } from '../domain/approval-policy';
import { AppError } from '../domain/errors';
import { isGuid } from '../domain/ids';
import { policySetRefusal, type TargetNamer } from '../domain/merge';
import { applicableFilters } from '../domain/filters';
import { allowedIntents } from '../domain/intents';
import { targetRefusal } from '../domain/item-targets';
import type { ItemKind, RequestItem } from '../domain/request';
import { isExclusion } from '../domain/slot';
import type { DirectoryPort } from './ports/directory';
import type { IntunePort } from './ports/intune';
import { Refusal } from './result';
import { refuseLosingProperties, writesFilters } from './write-version-guard';

/** The target step's input: a group (included or excluded), All users or All devices. */
export interface TargetChoice {
  type: 'group' | 'allUsers' | 'allDevices';
  groupId?: string;
  exclude?: boolean;
}

/** The intent step's input: the intent (apps only) and an optional assignment filter. */
export interface IntentChoice {
  intent?: Intent;
  filterId?: string;
  filterMode?: 'include' | 'exclude';
}

const invalid = (message: string) => new Refusal('invalid-request', message);

const NOUNS: Record<ItemKind, { id: string; search: string }> = {
  app: { id: 'an app', search: 'the app' },
  configPolicy: { id: 'an app configuration policy', search: 'the policy' },
  managedAppConfig: { id: 'an app configuration policy', search: 'the policy' },
};

/**
 * The chosen item's id, checked before any port call: ids are GUIDs, and anything else in card
 * data (`.`, `x/../..`) would become a path segment of a Graph URL.
 */
function itemIdOf(kind: ItemKind, itemId: string): string {
  const id = itemId.trim();
  const noun = NOUNS[kind];
  if (id === '') throw invalid(`Choose ${noun.search} from the list.`);
  if (!isGuid(id)) throw invalid(`That is not ${noun.id} id; search for ${noun.search} again.`);
  return id;
}

/** Reads the item afresh: its id must be a GUID, and it must exist and, for an app, be published. */
export async function resolveItem(
  intune: IntunePort,
  kind: ItemKind,
  itemId: string,
): Promise<RequestItem> {
  const id = itemIdOf(kind, itemId);
  if (kind === 'app') {
    const app = await intune.getApp(id);
    if (!app) throw new Refusal('not-found', 'That app no longer exists in Intune; search again.');
    if (!app.published) {
      const why = `${app.name} is not published in Intune, so it cannot be assigned.`;
      throw new Refusal('not-published', why);
    }
    const { name, appType: type, platform, publisher } = app;
    return { kind, id: app.id, name, type, platform, publisher };
  }
  const policy =
    kind === 'configPolicy'
      ? await intune.getConfigPolicy(id)
      : await intune.getManagedAppConfig(id);
  if (!policy) {
    throw new Refusal('not-found', 'That app configuration policy no longer exists in Intune.');
  }
  return {
    kind,
    id: policy.id,
    name: policy.name,
    type: policy.policyType,
    platform: policy.platform,
  };
}

/** At most this many groups are looked up to name them in a policy-set refusal. */
const NAMED_GROUPS = 5;

/**
 * Names the groups of `assignments` from the directory (at most {@link NAMED_GROUPS}), for a
 * message; a group that cannot be read keeps its id.
 */
async function groupNamer(
  directory: DirectoryPort,
  assignments: readonly CurrentAssignment[],
): Promise<TargetNamer> {
  const ids = [
    ...new Set(assignments.flatMap((a) => (a.target.kind === 'group' ? [a.target.groupId] : []))),
  ].slice(0, NAMED_GROUPS);
  const unnamed = (error: unknown): undefined => {
    if (error instanceof AppError) return undefined;
    throw error;
  };
  const groups = await Promise.all(ids.map((id) => directory.getGroup(id).catch(unnamed)));
  const names = new Map(groups.flatMap((g) => (g ? [[g.id.toLowerCase(), g.name]] : [])));
  return (target) => {
    if (target.kind !== 'group') return undefined;
    const name = names.get(target.groupId.toLowerCase());
    return name && (target.exclude ? `Exclude ${name}` : name);
  };
}

/**
 * Refuses an item whose assignments come from a policy set, or hold what a write in the port's
 * version would drop, as soon as it is chosen (the plan would refuse it at the end anyway): the
 * bot never re-posts such assignments.
 */
export async function refusePolicySet(
  intune: IntunePort,
  directory: DirectoryPort,
  item: RequestItem,
): Promise<void> {
  const current = await intune.getAssignments({ kind: item.kind, id: item.id });
  if (!current.some((a) => a.fromPolicySet)) return refuseLosingProperties(current, intune.version);
  const names = await groupNamer(
    directory,
    current.filter((a) => a.fromPolicySet),
  );
  const refusal = policySetRefusal(current, names);
  if (refusal !== undefined) throw new Refusal(refusal.code, refusal.message);
}

/**
 * Resolves the target, reading a group afresh once its id is known to be a GUID. Intune excludes
 * groups only: All users and All devices can be included, never excluded.
 */
export async function resolveTarget(
  directory: DirectoryPort,
  choice: TargetChoice,
): Promise<{ target: RequestableTarget; targetName: string }> {
  const exclude = choice.exclude === true;
  if (choice.type === 'group') {
    const groupId = choice.groupId?.trim() ?? '';
    if (groupId === '') throw invalid('Choose a group.');
    if (!isGuid(groupId)) throw invalid('That is not a group id; search for the group again.');
    const group = await directory.getGroup(groupId);
    if (!group)
      throw new Refusal('not-found', 'That group no longer exists in Entra ID; search again.');
    return { target: { kind: 'group', groupId: group.id, exclude }, targetName: group.name };
  }
  if (choice.type !== 'allUsers' && choice.type !== 'allDevices') {
    throw invalid('Choose a group, All users or All devices.');
  }
  const targetName = choice.type === 'allUsers' ? ALL_USERS_NAME : ALL_DEVICES_NAME;
  if (exclude) {
    throw invalid(`Intune excludes groups only; ${targetName} can be included but not excluded.`);
  }
  return { target: { kind: choice.type }, targetName };
}

/** Refuses a target the kind cannot be assigned to (e.g. All devices for a managed-app policy). */
export function checkTargetForKind(kind: ItemKind, target: RequestableTarget): void {
  const refusal = targetRefusal(kind, target);
  if (refusal !== undefined) throw invalid(refusal);
}

/** The intent, checked against the item's type and the target; policies take none. */
export function checkIntent(
  item: RequestItem,
  target: RequestableTarget,
  targetName: string,
  intent: Intent | undefined,
): Intent | undefined {
  if (item.kind !== 'app') {
    if (intent !== undefined) throw invalid('App configuration policies take no install intent.');
    return undefined;
  }
  const allowed = allowedIntents(item.type, target);
  if (intent !== undefined && allowed.includes(intent)) return intent;
  throw invalid(`For ${item.name} and ${targetName}, choose one of: ${allowed.join(', ')}.`);
}

/**
 * The assignment filter: a GUID (checked before any port call) of a filter that exists in Intune
 * and applies to the item and target by the rule the intent step offers filters by (never on an
 * exclusion, of the item's platform), and only when the write version can carry it.
 */
export async function resolveFilter(
  intune: IntunePort,
  item: RequestItem,
  target: RequestableTarget,
  choice: IntentChoice,
): Promise<(FilterRef & { name: string }) | undefined> {
  const filterId = choice.filterId?.trim() ?? '';
  if (filterId === '') return undefined;
  if (!isGuid(filterId)) {
    throw invalid('That is not an assignment filter id; choose the filter again.');
  }
  if (isExclusion(target)) {
    throw invalid('Intune does not apply assignment filters to exclusions; remove the filter.');
  }
  if (!writesFilters(intune.version)) {
    throw invalid('Assignment filters need the beta Graph API (GRAPH_INTUNE_VERSION=beta).');
  }
  const mode = choice.filterMode ?? 'include';
  if (mode !== 'include' && mode !== 'exclude') throw invalid('A filter includes or excludes.');
  const filters = await intune.listAssignmentFilters();
  const found = filters.find((f) => sameId(f.id, filterId));
  if (!found) throw new Refusal('not-found', 'That assignment filter no longer exists in Intune.');
  if (applicableFilters([found], item.platform, target).length === 0) {
    throw invalid(`${found.name} is a filter for ${found.platform}, not for ${item.name}.`);
  }
  return { id: found.id, mode, name: found.name };
}
