import type { AssignmentSettings } from './assignment-settings';

/**
 * The assignment model the product reasons about. It knows nothing of Graph: the Graph layer maps
 * Graph's `mobileAppAssignment` / `managedDeviceMobileAppConfigurationAssignment` objects to and
 * from these types, and keeps each existing assignment's original object in `payload` so that it
 * can be re-posted verbatim.
 */

/** Install intents Intune knows for apps. Configuration policies have no intent. */
export const INTENTS = [
  'required',
  'available',
  'uninstall',
  'availableWithoutEnrollment',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Where an assignment points. `other` covers targets the bot never creates (kept verbatim). */
export type AssignmentTarget =
  | { kind: 'group'; groupId: string; exclude: boolean }
  | { kind: 'allUsers' }
  | { kind: 'allDevices' }
  | { kind: 'other'; description: string };

/** A target the bot may request: a group (include or exclude), All users or All devices. */
export type RequestableTarget = Exclude<AssignmentTarget, { kind: 'other' }>;

/** An assignment filter on a target: devices matching the filter are included or excluded. */
export interface FilterRef {
  id: string;
  mode: 'include' | 'exclude';
}

/**
 * An assignment as it stands in Intune right now. `payload` is the object exactly as Graph
 * returned it; the domain never looks inside it.
 */
export interface CurrentAssignment<P = unknown> {
  target: AssignmentTarget;
  intent?: Intent;
  filter?: FilterRef;
  /** True when Intune reports the assignment as coming from a policy set. */
  fromPolicySet: boolean;
  /** Its settings as read, where the adapter knows them: a change of settings is told from these. */
  settings?: AssignmentSettings;
  /**
   * Properties the assignment carries that a write in the port's version cannot express (e.g.
   * `settings.isRemovable`, `target.deviceAndAppManagementAssignmentFilterId` under v1.0):
   * re-posting it in that version would drop them. Absent or empty when nothing would be lost.
   */
  unwritable?: string[];
  payload: P;
}

/**
 * One assignment a request asks for, with the names used in diff lines: added (or changed in
 * place) by default, or removed when `action` is `remove`.
 */
export interface RequestedAssignment {
  /** `remove` takes the existing assignment of this target out of the set; absent means add. */
  action?: 'add' | 'remove';
  target: RequestableTarget;
  /** Display name of the target, e.g. the group's name; "All users" / "All devices" otherwise. */
  targetName: string;
  /** Required for apps; absent for app configuration policies (shown only, for a removal). */
  intent?: Intent;
  filter?: FilterRef & { name?: string };
  /** Settings chosen for it, only those differing from what it would otherwise get. */
  settings?: AssignmentSettings;
}

/** One entry of the next assignment set, in the order it will be posted. */
export type NextEntry<P = unknown> =
  | { kind: 'keep'; current: CurrentAssignment<P> }
  | { kind: 'add'; requested: RequestedAssignment }
  | { kind: 'change'; current: CurrentAssignment<P>; requested: RequestedAssignment };

/** A human-readable line of the review diff, e.g. `+ Sales (required)`. */
export interface DiffLine {
  kind: 'add' | 'remove' | 'change' | 'unchanged';
  text: string;
}

/** Why a merge cannot be written. */
export type MergeRefusalCode = 'policy-set' | 'target-conflict' | 'invalid-request' | 'empty-set';

/** The result of merging one requested assignment into the current set. */
export type MergeOutcome<P = unknown> =
  | { kind: 'write'; next: NextEntry<P>[]; diff: DiffLine[]; kept: number }
  | { kind: 'already-assigned'; diff: DiffLine[]; kept: number }
  | { kind: 'refused'; code: MergeRefusalCode; message: string };

/** Names shown for the tenant-wide targets. */
export const ALL_USERS_NAME = 'All users';
export const ALL_DEVICES_NAME = 'All devices';
