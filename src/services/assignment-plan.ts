import type { CurrentAssignment, MergeOutcome, RequestedAssignment } from '../domain/assignment';
import type { FilterNamer } from '../domain/diff-lines';
import { AppError } from '../domain/errors';
import { allowedIntents } from '../domain/intents';
import { kindRules, targetRefusal } from '../domain/item-targets';
import { mergeAssignments } from '../domain/merge-list';
import { isRemoval } from '../domain/request-list';
import type { IntunePort, ItemRef } from './ports/intune';
import { refuseLosingProperties, refuseUnwritableFilter } from './write-version-guard';

/** What writing a request would do to its item right now, from a fresh read. */
export interface AssignmentPlan {
  outcome: MergeOutcome;
  /** The assignments as read. */
  current: CurrentAssignment[];
  /** The app's Graph type (a new include gets its settings); empty for policies. */
  appType: string;
}

/**
 * Reads the item and its assignments afresh and merges the request in (src/domain/merge-list,
 * one entry or several): the rules of what may be assigned live here, not in the Graph adapter.
 * An app must exist, be published and take each added entry's intent for its target; a policy must
 * exist and takes no intent; nothing the write version cannot carry (a filter, a setting) may be
 * asked for or lost. The review shows the outcome; the write posts its `next` set.
 */
export async function planAssignment(
  intune: IntunePort,
  item: ItemRef,
  requested: RequestedAssignment | readonly RequestedAssignment[],
): Promise<AssignmentPlan> {
  const list = Array.isArray(requested) ? requested : [requested as RequestedAssignment];
  const adds = list.filter((r) => !isRemoval(r));
  const appType = item.kind === 'app' ? await assignableApp(intune, item.id, adds) : '';
  if (item.kind === 'configPolicy') await existingPolicy(intune, item.id, adds);
  if (item.kind === 'managedAppConfig') await existingManagedAppConfig(intune, item.id, adds);
  refuseUnwritableFilter(adds, intune.version);
  const current = await intune.getAssignments(item);
  const filter = await filterNames(intune, current);
  const outcome = mergeAssignments(current, list, { filter });
  // Only what is posted again can lose anything: a removed assignment is gone on purpose.
  if (outcome.kind === 'write') {
    const reposted = outcome.next.flatMap((e) => (e.kind === 'add' ? [] : [e.current]));
    refuseLosingProperties(reposted, intune.version);
  }
  return { outcome, current, appType };
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

async function assignableApp(
  intune: IntunePort,
  id: string,
  adds: readonly RequestedAssignment[],
): Promise<string> {
  const app = await intune.getApp(id);
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

async function existingPolicy(
  intune: IntunePort,
  id: string,
  adds: readonly RequestedAssignment[],
): Promise<void> {
  if (adds.some((requested) => requested.intent)) {
    throw new AppError('invalid-request', 'App configuration policies take no intent.');
  }
  if (!(await intune.getConfigPolicy(id))) {
    throw new AppError('not-found', 'The app configuration policy no longer exists in Intune.');
  }
}

/** A managed-app policy exists and is asked for a group only, with no intent and no filter. */
async function existingManagedAppConfig(
  intune: IntunePort,
  id: string,
  adds: readonly RequestedAssignment[],
): Promise<void> {
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
  if (!(await intune.getManagedAppConfig(id))) {
    throw new AppError('not-found', 'The app configuration policy no longer exists in Intune.');
  }
}
