import type { IntuneRoleAssignment } from '../rbac/roles';
import type { GraphObject } from '../tenant-data';
import { WELL_KNOWN } from './well-known';

/**
 * Intune's scope tags and the landmark users' Intune role assignments: approver1 may assign
 * every app, approver2 every app but those tagged "Finance apps", everyone else nothing.
 */

const T = WELL_KNOWN.scopeTags;
const U = WELL_KNOWN.users;
const R = WELL_KNOWN.intuneRoles;

function scopeTag(id: string, displayName: string, description: string): GraphObject {
  return {
    '@odata.type': '#microsoft.graph.roleScopeTag',
    id,
    displayName,
    description,
    isBuiltIn: id === T.default,
  };
}

/** The built-in Default tag without which no tenant exists. */
export const DEFAULT_SCOPE_TAG_OBJECT = scopeTag(T.default, 'Default', 'Default scope tag');

export function createScopeTags(): GraphObject[] {
  return [
    { ...DEFAULT_SCOPE_TAG_OBJECT },
    scopeTag(T.financeApps, 'Finance apps', 'Apps only the finance IT team deploys.'),
  ];
}

export function createRoleAssignments(): IntuneRoleAssignment[] {
  return [
    {
      userId: U.approver1,
      roleDefinitionId: R.applicationManager,
      scopeTagIds: [T.default, T.financeApps],
    },
    { userId: U.approver2, roleDefinitionId: R.applicationManager, scopeTagIds: [T.default] },
  ];
}
