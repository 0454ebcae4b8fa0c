import type { CurrentAssignment, RequestedAssignment } from './assignment';
import { settingsChanges } from './settings-words';

/**
 * True when the existing assignment already has every setting the request chose (a request that
 * chose none always holds). The merge calls an assignment whose settings differ a change (`~`),
 * and the check after a write does not call a request assigned until its settings are there.
 */
export function settingsHold(
  existing: Pick<CurrentAssignment, 'settings'>,
  requested: Pick<RequestedAssignment, 'settings'>,
): boolean {
  return settingsChanges(existing.settings, requested.settings).length === 0;
}
