import type { IntuneRoleAssignment } from './rbac/roles';

/**
 * The simulated tenant's data, held as Graph objects in their beta shape (the richest one); the
 * simulator derives v1.0 views from it. Seeded by `seed.ts`, mutated only by the simulator.
 */

/** A Graph entity as JSON: `id` plus whatever properties its type has. */
export type GraphObject = { id: string } & Record<string, unknown>;

export interface TenantData {
  /** `mobileApp` objects with `@odata.type` (e.g. `#microsoft.graph.win32LobApp`). */
  apps: GraphObject[];
  /** App id -> `mobileAppAssignment` objects, each with `id`, `intent`, `target`, `settings`, `source`, `sourceId`. */
  appAssignments: Map<string, GraphObject[]>;
  /** `managedDeviceMobileAppConfiguration` objects with `@odata.type`. */
  configPolicies: GraphObject[];
  /** Policy id -> `managedDeviceMobileAppConfigurationAssignment` objects (`id`, `target`). */
  configAssignments: Map<string, GraphObject[]>;
  /** `targetedManagedAppConfiguration` objects (app configuration policies for managed apps), each with its `apps`. */
  managedAppConfigs: GraphObject[];
  /** Policy id -> `targetedManagedAppPolicyAssignment` objects (`id`, `source`, `sourceId`, `target`). */
  managedAppConfigAssignments: Map<string, GraphObject[]>;
  /** `group` objects (`displayName`, `description`, `groupTypes`, `securityEnabled`, `mailEnabled`, ...). */
  groups: GraphObject[];
  /** Group id -> direct member ids (users or groups: nesting is transitive). */
  groupMembers: Map<string, string[]>;
  /** `user` objects (`displayName`, `userPrincipalName`, `mail`, `jobTitle`). */
  users: GraphObject[];
  /** `deviceAndAppManagementAssignmentFilter` objects (beta only). */
  assignmentFilters: GraphObject[];
  /**
   * `roleScopeTag` objects (`displayName`, `description`, `isBuiltIn`; beta only). Absent: the
   * built-in Default tag `0` only.
   */
  roleScopeTags?: GraphObject[];
  /** Users' Intune role assignments (simulator model). Absent: nobody holds an Intune role. */
  intuneRoleAssignments?: IntuneRoleAssignment[];
}
