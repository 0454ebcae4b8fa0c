import type { CurrentAssignment, MergeOutcome, RequestedAssignment } from '../domain/assignment';
import type { FilterNamer } from '../domain/diff-lines';
import { AppError } from '../domain/errors';
import { allowedIntents } from '../domain/intents';
import { kindRules, targetRefusal } from '../domain/item-targets';
import { mergeAssignments } from '../domain/merge-list';
import { isRemoval } from '../domain/request-list';
import type { AppSummary, IntunePort, ItemRef } from './ports/intune';
import { refuseLosingProperties, refuseUnwritableFilter } from './write-version-guard';

/** What writing a request would do to its item right now, from a fresh read. */
export interface AssignmentPlan {
  outcome: MergeOutcome;
  /** The assignments as read. */
  current: CurrentAssignment[];
  /** The app's Graph type (a new include gets its settings); empty for policies. */
  appType: string;
}

/** What else a plan checks. */
export interface PlanOptions {
  /**
   * Each added group must still exist: a write's first read checks it in the same round trip (a
   * group deleted since review fails the request, unwritten). A removed group is not checked: the
   * assignment of a deleted group may still be removed.
   */
  checkGroups?: boolean;
}

/**
 * Reads the item and its assignments afresh (with the added groups, when asked, in the same round
 * trip) and merges the request in (src/domain/merge-list, one entry or several): the rules of what
 * may be assigned live here, not in the Graph adapter. Every added group must exist; an app must
 * exist, be published and take each added entry's intent for its target; a policy must exist and
 * takes no intent; nothing the write version cannot carry (a filter, a setting) may be asked for or
 * lost. The review shows the outcome; the write posts its `next` set.
 */
export async function planAssignment(
  intune: IntunePort,
  item: ItemRef,
  requested: RequestedAssignment | readonly RequestedAssignment[],
  options: PlanOptions = {},
): Promise<AssignmentPlan> {
  const list = Array.isArray(requested) ? requested : [requested as RequestedAssignment];
  const adds = list.filter((r) => !isRemoval(r));
  const groupIds = options.checkGroups ? adds.flatMap(groupOf) : [];
  const read = await intune.readForWrite(item, { groupIds });
  refuseMissingGroups(adds, read.missingGroups);
  const appType = item.kind === 'app' ? assignableApp(read.app, adds) : '';
  if (item.kind === 'configPolicy') existingPolicy(read.exists, adds);
  if (item.kind === 'managedAppConfig') existingManagedAppConfig(read.exists, adds);
  refuseUnwritableFilter(adds, intune.version);
  const current = read.current;
  const filter = await filterNames(intune, current);
  const outcome = mergeAssignments(current, list, { filter });
  // Only what is posted again can lose anything: a removed assignment is gone on purpose.
  if (outcome.kind === 'write') {
    const reposted = outcome.next.flatMap((e) => (e.kind === 'add' ? [] : [e.current]));
    refuseLosingProperties(reposted, intune.version);
  }
  return { outcome, current, appType };
}

const groupOf = (requested: RequestedAssignment): string[] =>
  requested.target.kind === 'group' ? [requested.target.groupId] : [];

function refuseMissingGroups(
  adds: readonly RequestedAssignment[],
  missing: readonly string[],
): void {
  const gone = new Set(missing.map((id) => id.toLowerCase()));
  const entry = adds.find((r) => groupOf(r).some((id) => gone.has(id.toLowerCase())));
  if (entry === undefined) return;
  throw new AppError(
    'not-found',
    `The group ${entry.targetName} no longer exists in Entra ID; nothing was written.`,
  );
}

/**
 * Names the assignment filters of the current set for the diff (a reviewer must never see a raw
 * filter id); read only when an assignment uses one. Without the list, filters read as unnamed.
 */
async function filterNames(
  intune: IntunePort,
  current: readonly CurrentAssignment[],
): Promise<FilterNamer | undefined> {
  if (!current.some((a) => a.filter !== undefined)) return undefined;
  try {
    const filters = await intune.listAssignmentFilters();
    const names = new Map(filters.map((f) => [f.id.toLowerCase(), f.name]));
    return (id) => names.get(id.toLowerCase());
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

function assignableApp(app: AppSummary | undefined, adds: readonly RequestedAssignment[]): string {
  if (!app) throw new AppError('not-found', 'The app no longer exists in Intune.');
  if (!app.published) {
    throw new AppError(
      'not-published',
      `${app.name} is not published in Intune, so it cannot be assigned.`,
    );
  }
  for (const requested of adds) {
    const intent = requested.intent;
    if (!intent || !allowedIntents(app.appType, requested.target).includes(intent)) {
      throw new AppError(
        'invalid-request',
        `The intent ${intent ?? '(none)'} is not valid for ${app.name} and ${requested.targetName}.`,
      );
    }
  }
  return app.appType;
}

function existingPolicy(exists: boolean, adds: readonly RequestedAssignment[]): void {
  if (adds.some((requested) => requested.intent)) {
    throw new AppError('invalid-request', 'App configuration policies take no intent.');
  }
  if (!exists) {
    throw new AppError('not-found', 'The app configuration policy no longer exists in Intune.');
  }
}

/** A managed-app policy exists and is asked for a group only, with no intent and no filter. */
function existingManagedAppConfig(exists: boolean, adds: readonly RequestedAssignment[]): void {
  const rules = kindRules('managedAppConfig');
  for (const requested of adds) {
    const refusal = targetRefusal('managedAppConfig', requested.target);
    if (refusal !== undefined) throw new AppError('invalid-request', refusal);
    if (requested.intent !== undefined && !rules.intent) {
      throw new AppError('invalid-request', 'App configuration policies take no intent.');
    }
    if (requested.filter !== undefined && !rules.filter) {
      throw new AppError(
        'invalid-request',
        'App configuration policies for managed apps take no assignment filter.',
      );
    }
  }
  if (!exists) {
    throw new AppError('not-found', 'The app configuration policy no longer exists in Intune.');
  }
}
