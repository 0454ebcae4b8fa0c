import { WELL_KNOWN } from '../seed/well-known';

/**
 * Intune's role-based access control, as far as app assignment needs it: the built-in roles and
 * the resource operations each allows, and the user role assignments of the simulated tenant. An
 * assignment gives a user a role over scope tags: the user may act on an item only when one of
 * the item's `roleScopeTagIds` (`0`, Default, when it has none) is among them.
 */

/** Intune's resource operations (the names its 403 messages and role definitions use). */
export const PERMISSIONS = {
  mobileAppsRead: 'Microsoft.Intune_MobileApps_Read',
  mobileAppsAssign: 'Microsoft.Intune_MobileApps_Assign',
  mobileAppsUpdate: 'Microsoft.Intune_MobileApps_Update',
  managedAppsRead: 'Microsoft.Intune_ManagedApps_Read',
  managedAppsAssign: 'Microsoft.Intune_ManagedApps_Assign',
  managedAppsUpdate: 'Microsoft.Intune_ManagedApps_Update',
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/** A built-in Intune role. */
export interface IntuneRole {
  /** A fixed id of the simulated tenant (Intune's own built-in ids are not modelled). */
  id: string;
  displayName: string;
  description: string;
  permissions: readonly Permission[];
  /**
   * The role is not limited by scope tags: Entra ID's Intune Administrator role, which Intune
   * honours over every item whatever its tags.
   */
  allScopeTags?: boolean;
}

const P = PERMISSIONS;
const R = WELL_KNOWN.intuneRoles;
const READ = [P.mobileAppsRead, P.managedAppsRead];
const ALL = Object.values(PERMISSIONS);

/** The built-in roles the simulated tenant knows, by a stable key. */
export const INTUNE_ROLES = {
  applicationManager: {
    id: R.applicationManager,
    displayName: 'Application Manager',
    description:
      'Manages mobile and managed applications, can read device information and can view device configuration profiles.',
    permissions: ALL,
  },
  intuneAdministrator: {
    id: R.intuneAdministrator,
    displayName: 'Intune Administrator',
    description:
      "Entra ID's Intune Administrator: full access to Intune, not limited by scope tags.",
    permissions: ALL,
    allScopeTags: true,
  },
  helpDeskOperator: {
    id: R.helpDeskOperator,
    displayName: 'Help Desk Operator',
    description:
      'Performs remote tasks on users and devices, and can assign applications or policies to users or devices.',
    permissions: [...READ, P.mobileAppsAssign, P.managedAppsAssign],
  },
  readOnlyOperator: {
    id: R.readOnlyOperator,
    displayName: 'Read Only Operator',
    description:
      'Views user, device, enrollment, configuration and application information. Cannot make changes to Intune.',
    permissions: READ,
  },
} as const satisfies Record<string, IntuneRole>;

export type IntuneRoleKey = keyof typeof INTUNE_ROLES;

/** A role by key, id or display name (ignoring case), or `undefined`. */
export function findRole(name: string): IntuneRole | undefined {
  const wanted = name.toLowerCase();
  const roles: [string, IntuneRole][] = Object.entries(INTUNE_ROLES);
  return roles.find(
    ([key, role]) =>
      key.toLowerCase() === wanted ||
      role.id === wanted ||
      role.displayName.toLowerCase() === wanted,
  )?.[1];
}

/** A user's Intune role assignment in the simulated tenant. */
export interface IntuneRoleAssignment {
  userId: string;
  /** Id of one of the {@link INTUNE_ROLES}. */
  roleDefinitionId: string;
  /** The scope tags (ids) the role applies to. */
  scopeTagIds: string[];
}

/** The Default scope tag: the tag of every item that has none. */
export const DEFAULT_SCOPE_TAG = WELL_KNOWN.scopeTags.default;

/** An item's scope tags, `0` (Default) when it lists none. */
export function scopeTagsOf(item: Record<string, unknown>): string[] {
  const tags = item.roleScopeTagIds;
  return Array.isArray(tags) && tags.length > 0 ? tags.map(String) : [DEFAULT_SCOPE_TAG];
}
