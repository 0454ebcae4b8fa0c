import type { Caller } from '../caller';
import type { GraphRequest } from '../http-types';
import { findBy } from '../indexes';
import type { SimulatorState } from '../state';
import type { GraphObject } from '../tenant-data';
import { intuneForbidden } from './intune-error';
import {
  DEFAULT_SCOPE_TAG,
  INTUNE_ROLES,
  type IntuneRole,
  type Permission,
  PERMISSIONS,
  scopeTagsOf,
} from './roles';

/**
 * Whether the caller may make a request under `/deviceAppManagement`, as Intune decides after
 * Graph let the token in. The application: any read; a write only with the `ReadWrite`
 * application permission (setting `appPermission`). A user (delegated token): the token's scopes
 * must allow the operation (`DeviceManagementApps.ReadWrite.All` to write, it or `.Read.All` to
 * read) and an Intune role of theirs must allow it: any role that reads for a read, and for a
 * write a role allowing it over one of the item's scope tags. Other paths (the directory,
 * `deviceManagement`) are not checked. Throws Intune's 403 when refused.
 */

const READ_WRITE = 'DeviceManagementApps.ReadWrite.All';
const READ = 'DeviceManagementApps.Read.All';

/** Where the items of each collection live, and which Intune permissions govern them. */
const COLLECTIONS: Record<
  string,
  { items: (state: SimulatorState) => GraphObject[]; area: 'mobileApps' | 'managedApps' }
> = {
  mobileapps: { items: (s) => s.tenant.apps, area: 'mobileApps' },
  mobileappconfigurations: { items: (s) => s.tenant.configPolicies, area: 'mobileApps' },
  targetedmanagedappconfigurations: {
    items: (s) => s.tenant.managedAppConfigs,
    area: 'managedApps',
  },
};

const OPERATION: Record<'mobileApps' | 'managedApps', Record<Operation, Permission>> = {
  mobileApps: {
    read: PERMISSIONS.mobileAppsRead,
    assign: PERMISSIONS.mobileAppsAssign,
    update: PERMISSIONS.mobileAppsUpdate,
  },
  managedApps: {
    read: PERMISSIONS.managedAppsRead,
    assign: PERMISSIONS.managedAppsAssign,
    update: PERMISSIONS.managedAppsUpdate,
  },
};

type Operation = 'read' | 'assign' | 'update';

const ROLES_BY_ID = new Map<string, IntuneRole>(
  Object.values(INTUNE_ROLES).map((role: IntuneRole) => [role.id, role]),
);

function operationOf(req: GraphRequest): Operation {
  if (req.method === 'GET') return 'read';
  return /\/assign$/i.test(req.path) ? 'assign' : 'update';
}

export function authorize(req: GraphRequest, caller: Caller, state: SimulatorState): void {
  const [root = '', collection = '', id] = req.segments;
  if (root.toLowerCase() !== 'deviceappmanagement') return;
  const operation = operationOf(req);
  const write = operation !== 'read';
  const identity = caller.identity;
  if (identity.kind === 'application') {
    if (write && state.settings.appPermission === 'Read') {
      throw intuneForbidden(
        `Application is not authorized to perform this operation. Application must have one of the following scopes: ${READ_WRITE}`,
        req,
      );
    }
    return;
  }
  const allowed = write ? [READ_WRITE] : [READ_WRITE, READ];
  if (!allowed.some((scope) => caller.scopes.has(scope))) {
    throw intuneForbidden(
      `Application is not authorized to perform this operation. Application must have one of the following scopes: ${allowed.join(', ')}`,
      req,
    );
  }
  const known = COLLECTIONS[collection.toLowerCase()];
  const item = write && known && id !== undefined ? findBy(known.items(state), id) : undefined;
  // A write to an item that does not exist is left to its route's 404, as Intune answers.
  if (write && known && id !== undefined && !item) return;
  const permission = OPERATION[known?.area ?? 'mobileApps'][operation];
  const assignments = (state.tenant.intuneRoleAssignments ?? []).filter(
    (a) =>
      a.userId.toLowerCase() === identity.id.toLowerCase() &&
      ROLES_BY_ID.get(a.roleDefinitionId)?.permissions.includes(permission),
  );
  const tags = item ? scopeTagsOf(item) : [DEFAULT_SCOPE_TAG];
  const inScope = assignments.some(
    (a) =>
      !write ||
      ROLES_BY_ID.get(a.roleDefinitionId)?.allScopeTags === true ||
      a.scopeTagIds.some((tag) => tags.includes(tag)),
  );
  if (!inScope) {
    const where = write ? ` within its scope tags (${tags.join(', ')})` : '';
    throw intuneForbidden(
      `The user does not have the required permissions (${permission}) for the resource${where}. User: ${identity.upn}.`,
      req,
    );
  }
}
