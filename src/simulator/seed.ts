import type { SeedScale } from './control-types';
import { randomAppAssignments, wellKnownAssignments } from './seed/app-assignments';
import { generatedApps, wellKnownApps } from './seed/apps';
import { createConfigPolicies } from './seed/config-policies';
import { createFilters, filtersByAppType } from './seed/filters';
import { createManagedAppConfigs } from './seed/managed-app-configs';
import { createGroups } from './seed/groups';
import { createMemberships } from './seed/memberships';
import { createRoleAssignments, createScopeTags } from './seed/rbac';
import { Rng } from './seed/random';
import { createUsers } from './seed/users';
import { WELL_KNOWN } from './seed/well-known';
import type { GraphObject, TenantData } from './tenant-data';

export { WELL_KNOWN };

/** The tenant the simulator starts with: big enough to page through and search. */
export const DEFAULT_SCALE: SeedScale = { apps: 320, configPolicies: 45, groups: 1100, users: 150 };

/** A large tenant for benchmarks (built in a few seconds). */
export const BENCH_SCALE: SeedScale = {
  apps: 50_000,
  configPolicies: 2_000,
  groups: 200_000,
  users: 20_000,
};

function checkScale(scale: SeedScale): void {
  for (const [key, value] of Object.entries(scale)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`Seed scale '${key}' must be a non-negative integer, got ${value}`);
    }
  }
}

/**
 * Builds the simulated tenant: the `WELL_KNOWN` landmarks plus realistic generated apps, app
 * configuration policies, groups, users, memberships and assignment filters, and Intune's scope
 * tags and the landmark users' role assignments. Every value comes
 * from seeded generators (one per stream), so the same scale always gives identical data; counts
 * below the landmark set still include every landmark. Linear in the scale.
 */
export function createTenant(scale: Partial<SeedScale> = {}): TenantData {
  const size: SeedScale = { ...DEFAULT_SCALE, ...scale };
  checkScale(size);

  const assignmentFilters = createFilters(new Rng('filters'));
  const people = createUsers(size.users, new Rng('users'));
  const seededGroups = createGroups(size.groups, new Rng('groups'));
  const groupMembers = createMemberships(seededGroups, people, new Rng('members'));
  const landmarkGroups = new Set<string>(Object.values(WELL_KNOWN.groups));
  const targetable = seededGroups
    .filter((g) => g.kind !== 'unified' && !landmarkGroups.has(g.object.id))
    .map((g) => g.object.id);

  const appRng = new Rng('apps');
  const landmarks = wellKnownApps(appRng);
  const names = new Set(landmarks.map((a) => String(a.object.displayName)));
  const seededApps = [
    ...landmarks,
    ...generatedApps(Math.max(size.apps - landmarks.length, 0), names, appRng),
  ];
  const appAssignments = wellKnownAssignments();
  const pools = {
    rng: new Rng('assignments'),
    groupIds: targetable,
    filtersByType: filtersByAppType(assignmentFilters),
  };
  for (const app of seededApps.slice(landmarks.length)) {
    const assignments = randomAppAssignments(app, pools);
    if (assignments.length > 0) appAssignments.set(app.object.id, assignments);
  }
  for (const app of seededApps) app.object.isAssigned = appAssignments.has(app.object.id);
  const apps = seededApps.map((a) => a.object);

  const { policies, assignments } = createConfigPolicies(size.configPolicies, {
    rng: new Rng('policies'),
    iosAppIds: idsBy(apps, 'bundleId', ['iosVppApp', 'iosStoreApp']),
    androidAppIds: idsBy(apps, 'packageId', ['androidManagedStoreApp']),
    groupIds: targetable,
    iosFilters: assignmentFilters.filter((f) => f.platform === 'iOS').map((f) => f.id),
    androidFilters: assignmentFilters
      .filter((f) => f.platform === 'androidForWork')
      .map((f) => f.id),
  });

  const managed = createManagedAppConfigs(new Rng('managed-app-configs'), targetable);

  return {
    apps,
    appAssignments,
    configPolicies: policies,
    configAssignments: assignments,
    managedAppConfigs: managed.policies,
    managedAppConfigAssignments: managed.assignments,
    groups: seededGroups.map((g) => g.object),
    groupMembers,
    users: people.users,
    assignmentFilters,
    roleScopeTags: createScopeTags(),
    intuneRoleAssignments: createRoleAssignments(),
  };
}

/** Published app id by a type-specific key (first one wins), for policies' `targetedMobileApps`. */
function idsBy(apps: GraphObject[], key: string, types: string[]): Map<string, string> {
  const wanted = new Set(types.map((t) => `#microsoft.graph.${t}`));
  const result = new Map<string, string>();
  for (const app of apps) {
    const value = app[key];
    if (typeof value === 'string' && wanted.has(String(app['@odata.type'])) && !result.has(value)) {
      result.set(value, app.id);
    }
  }
  return result;
}
