import type { Intent } from '../domain/assignment';
import { applicableFilters } from '../domain/filters';
import { allowedIntents } from '../domain/intents';
import { kindRules } from '../domain/item-targets';
import type { AssignmentRequest } from '../domain/request';
import { isExclusion } from '../domain/slot';
import type { AssignmentFilterSummary, IntunePort } from './ports/intune';
import { writesFilters } from './write-version-guard';

/** What the intent step offers: the intents (apps only) and the assignment filters to choose. */
export interface IntentOffer {
  intents?: Intent[];
  filters: AssignmentFilterSummary[];
}

/**
 * The choices of the intent step for a draft's item and target, by the same rules the use case
 * checks the answer with: the intents the app type and target allow (for a kind that takes
 * intents), and the filters that apply (for a kind that takes them, and only when the write
 * version can carry filters: beta).
 */
export async function intentOffer(
  intune: IntunePort,
  draft: AssignmentRequest,
): Promise<IntentOffer> {
  const { item, target } = draft;
  if (!item || !target) return { filters: [] };
  const rules = kindRules(item.kind);
  const intents = rules.intent ? allowedIntents(item.type, target) : undefined;
  // An exclusion takes no filter: nothing to read.
  const none = !rules.filter || !writesFilters(intune.version) || isExclusion(target);
  if (none) return { intents, filters: [] };
  const filters = applicableFilters(await intune.listAssignmentFilters(), item.platform, target);
  return { intents, filters };
}
