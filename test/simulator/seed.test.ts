import { validateAgainstGraphSchema, type SchemaEntry } from '../../src/simulator/graph-schemas';
import { BENCH_SCALE, DEFAULT_SCALE, WELL_KNOWN, createTenant } from '../../src/simulator/seed';
import type { GraphObject, TenantData } from '../../src/simulator/tenant-data';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ALL_USERS = 'acacacac-9df4-4c7d-9d50-4ef0226f57a9';
const ALL_DEVICES = 'adadadad-808e-44e2-905a-0b7873a8a531';
const GRAPH = '#microsoft.graph.';

interface Target {
  '@odata.type': string;
  groupId?: string;
  deviceAndAppManagementAssignmentFilterId: string | null;
  deviceAndAppManagementAssignmentFilterType: string;
}

/**
 * The schema files also define lenient response shapes (`mobileApp_response`, `group_response`,
 * ...) that `SchemaEntry` does not list; the validator resolves any `$defs` key.
 */
const validateResponse = (entry: string, value: unknown) =>
  validateAgainstGraphSchema('beta', entry as SchemaEntry, value);

const tenant = createTenant();
const find = (list: GraphObject[], id: string): GraphObject => {
  const found = list.find((item) => item.id === id);
  if (!found) throw new Error(`No object ${id}`);
  return found;
};
const app = (id: string) => find(tenant.apps, id);
const assignmentsOf = (id: string) => tenant.appAssignments.get(id) ?? [];
const targetOf = (assignment: GraphObject) => assignment.target as Target;
const kindOf = (assignment: GraphObject) => targetOf(assignment)['@odata.type'].slice(GRAPH.length);
const members = (groupId: string) => tenant.groupMembers.get(groupId) ?? [];
const allAppAssignments = () => [...tenant.appAssignments.entries()];

/** Every user or group reachable from a group through nested membership. */
function transitiveMembers(data: TenantData, groupId: string): Set<string> {
  const seen = new Set<string>();
  const queue = [groupId];
  while (queue.length > 0) {
    for (const member of data.groupMembers.get(queue.pop() ?? '') ?? []) {
      if (seen.has(member)) continue;
      seen.add(member);
      queue.push(member);
    }
  }
  return seen;
}

/** The whole tenant as JSON text, Maps included, to compare byte for byte. */
const serialize = (data: TenantData): string =>
  JSON.stringify(data, (_key, value: unknown) =>
    value instanceof Map ? [...(value as Map<unknown, unknown>).entries()] : value,
  );

describe('the seeded tenant', () => {
  test('two calls with the same scale give identical data, byte for byte', () => {
    const again = createTenant(DEFAULT_SCALE);
    expect(again).toEqual(tenant);
    expect(serialize(again)).toBe(serialize(tenant));
  });

  test('the landmark objects are the same at any scale', () => {
    const small = createTenant({ apps: 5, configPolicies: 0, groups: 3, users: 1 });
    for (const id of Object.values(WELL_KNOWN.apps)) {
      expect(find(small.apps, id)).toEqual(app(id));
      expect(small.appAssignments.get(id)).toEqual(tenant.appAssignments.get(id));
    }
    for (const id of Object.values(WELL_KNOWN.groups)) {
      expect(find(small.groups, id)).toEqual(find(tenant.groups, id));
    }
    expect(small.configPolicies.map((p) => p.id)).toEqual(Object.values(WELL_KNOWN.configPolicies));
    expect(small.users).toHaveLength(Object.keys(WELL_KNOWN.users).length);
  });

  test('the default scale has at least 320 apps, 45 policies, 1,100 groups and 150 users', () => {
    expect(DEFAULT_SCALE.apps).toBeGreaterThanOrEqual(320);
    expect(DEFAULT_SCALE.configPolicies).toBeGreaterThanOrEqual(45);
    expect(DEFAULT_SCALE.groups).toBeGreaterThanOrEqual(1100);
    expect(DEFAULT_SCALE.users).toBeGreaterThanOrEqual(150);
    expect(tenant.apps).toHaveLength(DEFAULT_SCALE.apps);
    expect(tenant.configPolicies).toHaveLength(DEFAULT_SCALE.configPolicies);
    expect(tenant.groups).toHaveLength(DEFAULT_SCALE.groups);
    expect(tenant.users).toHaveLength(DEFAULT_SCALE.users);
  });

  test('a scale that is not a non-negative integer is refused with the key named', () => {
    expect(() => createTenant({ apps: -1 })).toThrow(/'apps'/);
    expect(() => createTenant({ groups: 1.5 })).toThrow(/'groups'/);
  });

  test('every id is a lowercase GUID, unique across apps, policies, groups, users and filters', () => {
    const ids = [
      ...tenant.apps,
      ...tenant.configPolicies,
      ...tenant.groups,
      ...tenant.users,
      ...tenant.assignmentFilters,
    ].map((o) => o.id);
    expect(ids.filter((id) => !GUID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('app, group and policy display names and user principal names are unique', () => {
    for (const list of [tenant.apps, tenant.groups, tenant.configPolicies]) {
      const names = list.map((o) => o.displayName);
      expect(new Set(names).size).toBe(names.length);
    }
    const upns = tenant.users.map((u) => u.userPrincipalName);
    expect(new Set(upns).size).toBe(upns.length);
  });
});

describe('the seeded apps', () => {
  const types: [keyof typeof WELL_KNOWN.apps, string][] = [
    ['win32', 'win32LobApp'],
    ['win32Unassigned', 'win32LobApp'],
    ['iosVpp', 'iosVppApp'],
    ['iosStore', 'iosStoreApp'],
    ['androidManagedStore', 'androidManagedStoreApp'],
    ['webApp', 'webApp'],
    ['winGet', 'winGetApp'],
    ['officeSuite', 'officeSuiteApp'],
    ['macOSLob', 'macOSLobApp'],
    ['storeForBusiness', 'microsoftStoreForBusinessApp'],
    ['policySet', 'win32LobApp'],
    ['unpublished', 'win32LobApp'],
  ];

  test.each(types)('the well-known %s app has the type %s', (key, type) => {
    expect(app(WELL_KNOWN.apps[key])['@odata.type']).toBe(`${GRAPH}${type}`);
  });

  test('the well-known apps have their fixed names and publishing states', () => {
    expect(app(WELL_KNOWN.apps.win32).displayName).toBe('Zoom Workplace');
    expect(app(WELL_KNOWN.apps.winGet)).toMatchObject({ packageIdentifier: '9WZDNCRFJ3PZ' });
    expect(app(WELL_KNOWN.apps.officeSuite).displayName).toBe('Microsoft 365 Apps for enterprise');
    expect(app(WELL_KNOWN.apps.unpublished).publishingState).toBe('notPublished');
    expect(assignmentsOf(WELL_KNOWN.apps.unpublished)).toEqual([]);
    expect(app(WELL_KNOWN.apps.win32Unassigned)).toMatchObject({
      publishingState: 'published',
      isAssigned: false,
    });
    expect(tenant.appAssignments.has(WELL_KNOWN.apps.win32Unassigned)).toBe(false);
    for (const [key] of types.filter(([k]) => k !== 'unpublished')) {
      expect(app(WELL_KNOWN.apps[key]).publishingState).toBe('published');
    }
  });

  test('every app type of the brief is seeded beyond the landmarks', () => {
    const landmarks = new Set<string>(Object.values(WELL_KNOWN.apps));
    const seeded = new Set(
      tenant.apps.filter((a) => !landmarks.has(a.id)).map((a) => a['@odata.type']),
    );
    expect([...new Set(types.map(([, type]) => `${GRAPH}${type}`))].sort()).toEqual(
      [...seeded].sort(),
    );
  });

  test('every app has the common properties and its type-specific ones', () => {
    const specific: Record<string, string[]> = {
      win32LobApp: ['fileName', 'setupFilePath', 'installCommandLine'],
      iosVppApp: ['bundleId', 'vppTokenAppleId', 'appStoreUrl', 'licensingType'],
      iosStoreApp: ['bundleId', 'appStoreUrl'],
      androidManagedStoreApp: ['packageId', 'appIdentifier'],
      webApp: ['appUrl', 'useManagedBrowser'],
      winGetApp: ['packageIdentifier'],
      macOSLobApp: ['bundleId'],
      officeSuiteApp: ['productIds'],
      microsoftStoreForBusinessApp: ['packageIdentityName'],
    };
    const common = ['description', 'publisher', 'developer', 'owner', 'notes', 'informationUrl'];
    for (const a of tenant.apps) {
      const type = String(a['@odata.type']).slice(GRAPH.length);
      for (const key of [...common, ...(specific[type] ?? ['unknown type'])]) {
        expect([a.displayName, key, a[key] !== undefined]).toEqual([a.displayName, key, true]);
      }
      expect(String(a.createdDateTime) <= String(a.lastModifiedDateTime)).toBe(true);
      expect(String(a.createdDateTime)).toMatch(/^202[4-6]-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const valid = validateResponse('mobileApp_response', a);
      expect([a.displayName, valid.errors]).toEqual([a.displayName, []]);
    }
  });

  test('isAssigned is true exactly when the app has assignments, and only published apps have any', () => {
    for (const a of tenant.apps) {
      const count = assignmentsOf(a.id).length;
      expect([a.displayName, a.isAssigned]).toEqual([a.displayName, count > 0]);
      if (count > 0) expect(a.publishingState).toBe('published');
    }
  });

  test('about 60% of the generated apps have between 1 and 6 assignments', () => {
    const counts = tenant.apps.map((a) => assignmentsOf(a.id).length);
    const assigned = counts.filter((n) => n > 0).length / counts.length;
    expect(assigned).toBeGreaterThan(0.45);
    expect(assigned).toBeLessThan(0.75);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
  });
});

describe('the seeded app assignments', () => {
  test('every app assignment set validates against the official beta schema', () => {
    const failures = allAppAssignments()
      .map(([id, mobileAppAssignments]): [string, string[]] => [
        id,
        validateAgainstGraphSchema('beta', 'mobileApp_assign_request', { mobileAppAssignments })
          .errors,
      ])
      .filter(([, errors]) => errors.length > 0);
    expect(failures).toEqual([]);
  });

  test('Zoom Workplace has an include with settings and filter, an exclusion, All users and All devices', () => {
    const zoom = assignmentsOf(WELL_KNOWN.apps.win32);
    const include = zoom.find((a) => kindOf(a) === 'groupAssignmentTarget');
    expect(include?.settings).toEqual({
      '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
      notifications: 'showAll',
      deliveryOptimizationPriority: 'notConfigured',
      installTimeSettings: null,
      restartSettings: null,
      autoUpdateSettings: null,
    });
    expect(include?.target).toMatchObject({
      groupId: WELL_KNOWN.groups.marketing,
      deviceAndAppManagementAssignmentFilterId: WELL_KNOWN.filters.windowsCorporate,
      deviceAndAppManagementAssignmentFilterType: 'include',
    });
    const exclusion = zoom.find((a) => kindOf(a) === 'exclusionGroupAssignmentTarget');
    expect(exclusion).toMatchObject({ settings: null, id: `${WELL_KNOWN.groups.engineering}_1_1` });
    const allUsers = zoom.find((a) => kindOf(a) === 'allLicensedUsersAssignmentTarget');
    expect(allUsers).toMatchObject({ intent: 'available', id: `${ALL_USERS}_0_0` });
    const allDevices = zoom.find((a) => kindOf(a) === 'allDevicesAssignmentTarget');
    expect(allDevices).toMatchObject({ intent: 'required', id: `${ALL_DEVICES}_1_0` });
    const filterId = targetOf(allDevices as GraphObject).deviceAndAppManagementAssignmentFilterId;
    expect(targetOf(allDevices as GraphObject).deviceAndAppManagementAssignmentFilterType).toBe(
      'exclude',
    );
    expect(tenant.assignmentFilters.map((f) => f.id)).toContain(filterId);
  });

  test('the policy-set app has an assignment from a policy set, with its sourceId', () => {
    const fromSet = assignmentsOf(WELL_KNOWN.apps.policySet).filter(
      (a) => a.source === 'policySets',
    );
    expect(fromSet).toHaveLength(1);
    expect(fromSet[0]?.sourceId).toMatch(GUID);
    const elsewhere = allAppAssignments()
      .filter(([id]) => id !== WELL_KNOWN.apps.policySet)
      .flatMap(([, list]) => list)
      .filter((a) => a.source !== 'direct' || a.sourceId !== null);
    expect(elsewhere).toEqual([]);
  });

  test('exclusions never carry settings or a filter, and a filter id is set exactly when the type is not none', () => {
    for (const [, list] of allAppAssignments()) {
      for (const a of list) {
        const target = targetOf(a);
        const filtered = target.deviceAndAppManagementAssignmentFilterType !== 'none';
        expect(target.deviceAndAppManagementAssignmentFilterId !== null).toBe(filtered);
        if (kindOf(a) === 'exclusionGroupAssignmentTarget') {
          expect(a.settings).toBeNull();
          expect(filtered).toBe(false);
        }
      }
    }
  });

  test('no app targets a group twice, All users or All devices more than once, or All devices as available', () => {
    for (const [, list] of allAppAssignments()) {
      const groups = list.map((a) => targetOf(a).groupId).filter((g) => g !== undefined);
      expect(new Set(groups).size).toBe(groups.length);
      expect(
        list.filter((a) => kindOf(a) === 'allLicensedUsersAssignmentTarget').length,
      ).toBeLessThanOrEqual(1);
      const allDevices = list.filter((a) => kindOf(a) === 'allDevicesAssignmentTarget');
      expect(allDevices.length).toBeLessThanOrEqual(1);
      expect(allDevices.filter((a) => a.intent === 'available')).toEqual([]);
      const ids = list.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('every target kind and intent appears, and targets point at existing groups and filters', () => {
    const groupIds = new Set(tenant.groups.map((g) => g.id));
    const filterIds = new Set(tenant.assignmentFilters.map((f) => f.id));
    const list = allAppAssignments().flatMap(([, l]) => l);
    expect(new Set(list.map(kindOf))).toEqual(
      new Set([
        'groupAssignmentTarget',
        'exclusionGroupAssignmentTarget',
        'allLicensedUsersAssignmentTarget',
        'allDevicesAssignmentTarget',
      ]),
    );
    expect(new Set(list.map((a) => a.intent))).toEqual(
      new Set(['available', 'required', 'uninstall', 'availableWithoutEnrollment']),
    );
    for (const a of list) {
      const target = targetOf(a);
      if (target.groupId !== undefined) expect(groupIds.has(target.groupId)).toBe(true);
      const filterId = target.deviceAndAppManagementAssignmentFilterId;
      if (filterId !== null) expect(filterIds.has(filterId)).toBe(true);
    }
  });

  test('assignment ids follow Intune: target id, intent number, 1 for an exclusion', () => {
    const intents = ['available', 'required', 'uninstall', 'availableWithoutEnrollment'];
    for (const [, list] of allAppAssignments()) {
      for (const a of list) {
        const target = targetOf(a);
        const key =
          target.groupId ?? (kindOf(a) === 'allDevicesAssignmentTarget' ? ALL_DEVICES : ALL_USERS);
        const excluded = kindOf(a) === 'exclusionGroupAssignmentTarget' ? 1 : 0;
        expect(a.id).toBe(`${key}_${intents.indexOf(String(a.intent))}_${excluded}`);
      }
    }
  });

  test('include assignments carry the settings type of their app, web links and Microsoft 365 Apps none', () => {
    const expected: Record<string, string | null> = {
      win32LobApp: 'win32LobAppAssignmentSettings',
      iosVppApp: 'iosVppAppAssignmentSettings',
      iosStoreApp: 'iosStoreAppAssignmentSettings',
      androidManagedStoreApp: 'androidManagedStoreAppAssignmentSettings',
      winGetApp: 'winGetAppAssignmentSettings',
      macOSLobApp: 'macOsLobAppAssignmentSettings',
      microsoftStoreForBusinessApp: 'microsoftStoreForBusinessAppAssignmentSettings',
      webApp: null,
      officeSuiteApp: null,
    };
    for (const [id, list] of allAppAssignments()) {
      const type = String(app(id)['@odata.type']).slice(GRAPH.length);
      for (const a of list.filter((x) => kindOf(x) !== 'exclusionGroupAssignmentTarget')) {
        const settings = a.settings as { '@odata.type': string } | null;
        const want = expected[type];
        expect(settings === null ? null : settings['@odata.type']).toBe(
          want ? `${GRAPH}${want}` : null,
        );
      }
    }
  });
});

describe('the seeded configuration policies', () => {
  test('the iOS landmark targets Outlook and has one group assignment; the Android one has none', () => {
    const ios = find(tenant.configPolicies, WELL_KNOWN.configPolicies.ios);
    expect(ios).toMatchObject({
      '@odata.type': '#microsoft.graph.iosMobileAppConfiguration',
      displayName: 'Outlook iOS - Corporate accounts',
      targetedMobileApps: [WELL_KNOWN.apps.iosVpp],
    });
    const iosAssignments = tenant.configAssignments.get(ios.id) ?? [];
    expect(iosAssignments.map((a) => a.target)).toEqual([
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        groupId: WELL_KNOWN.groups.sales,
      }),
    ]);
    const android = find(tenant.configPolicies, WELL_KNOWN.configPolicies.android);
    expect(android).toMatchObject({
      '@odata.type': '#microsoft.graph.androidManagedStoreAppConfiguration',
      packageId: 'com.microsoft.teams',
      targetedMobileApps: [WELL_KNOWN.apps.androidManagedStore],
    });
    expect(tenant.configAssignments.get(android.id) ?? []).toEqual([]);
  });

  test('every policy has its shape and targets existing apps of its platform', () => {
    const platformOf = new Map(tenant.apps.map((a) => [a.id, String(a['@odata.type'])]));
    for (const policy of tenant.configPolicies) {
      expect(
        validateResponse('managedDeviceMobileAppConfiguration_response', policy).errors,
      ).toEqual([]);
      const ios = policy['@odata.type'] === '#microsoft.graph.iosMobileAppConfiguration';
      if (ios) expect(Array.isArray(policy.settings)).toBe(true);
      else
        expect(Object.keys(policy)).toEqual(
          expect.arrayContaining(['packageId', 'payloadJson', 'profileApplicability']),
        );
      for (const appId of policy.targetedMobileApps as string[]) {
        expect(platformOf.get(appId)).toMatch(
          ios ? /ios(Vpp|Store)App$/ : /androidManagedStoreApp$/,
        );
      }
    }
  });

  test('every policy assignment set validates against the official beta schema', () => {
    const failures = [...tenant.configAssignments.entries()]
      .map(([id, assignments]): [string, string[]] => [
        id,
        validateAgainstGraphSchema('beta', 'managedDeviceMobileAppConfiguration_assign_request', {
          assignments,
        }).errors,
      ])
      .filter(([, errors]) => errors.length > 0);
    expect(failures).toEqual([]);
    expect(tenant.configAssignments.size).toBeGreaterThan(10);
  });

  test('policy assignments never target a group twice and exclusions carry no filter', () => {
    for (const [, list] of tenant.configAssignments) {
      const groups = list.map((a) => targetOf(a).groupId).filter((g) => g !== undefined);
      expect(new Set(groups).size).toBe(groups.length);
      for (const a of list.filter((x) => kindOf(x) === 'exclusionGroupAssignmentTarget')) {
        expect(targetOf(a).deviceAndAppManagementAssignmentFilterType).toBe('none');
      }
    }
  });
});

describe('the seeded directory', () => {
  test('the well-known groups have their names and are plain security groups', () => {
    const names: Partial<Record<keyof typeof WELL_KNOWN.groups, string>> = {
      sales: 'Sales',
      marketing: 'Marketing',
      engineering: 'Engineering',
      approvers: 'Intune App Approvers',
      requesters: 'Intune App Requesters',
    };
    for (const [key, id] of Object.entries(WELL_KNOWN.groups)) {
      const group = find(tenant.groups, id);
      expect(group).toMatchObject({ securityEnabled: true, mailEnabled: false, groupTypes: [] });
      const name = names[key as keyof typeof WELL_KNOWN.groups];
      if (name) expect(group.displayName).toBe(name);
    }
  });

  test('the approver groups nest two levels deep', () => {
    const G = WELL_KNOWN.groups;
    expect(members(G.approvers)).toContain(G.approversNested);
    expect(members(G.approversNested)).toContain(G.approversNestedDeep);
  });

  test('approver1 and approver2 are direct approvers; nestedApprover is transitive only', () => {
    const { users, groups } = WELL_KNOWN;
    expect(members(groups.approvers)).toEqual(
      expect.arrayContaining([users.approver1, users.approver2]),
    );
    expect(members(groups.approvers)).not.toContain(users.nestedApprover);
    expect(members(groups.approversNested)).not.toContain(users.nestedApprover);
    expect(members(groups.approversNestedDeep)).toContain(users.nestedApprover);
    expect(transitiveMembers(tenant, groups.approvers).has(users.nestedApprover)).toBe(true);
  });

  test('the requester is a requester, not an approver; the outsider belongs to no group at all', () => {
    const { users, groups } = WELL_KNOWN;
    expect(members(groups.requesters)).toContain(users.requester);
    expect(transitiveMembers(tenant, groups.approvers).has(users.requester)).toBe(false);
    const holding = [...tenant.groupMembers.values()].filter((m) => m.includes(users.outsider));
    expect(holding).toEqual([]);
  });

  test('users have realistic names and contoso.onmicrosoft.com principal names', () => {
    for (const user of tenant.users) {
      expect(Object.keys(user).sort()).toEqual(
        [
          'department',
          'displayName',
          'givenName',
          'id',
          'jobTitle',
          'mail',
          'surname',
          'userPrincipalName',
        ].sort(),
      );
      expect(user.userPrincipalName).toMatch(/^[a-z]+(\.[a-z]+)+@contoso\.onmicrosoft\.com$/);
    }
    expect(find(tenant.users, WELL_KNOWN.users.requester).userPrincipalName).toBe(
      'megan.bowen@contoso.onmicrosoft.com',
    );
  });

  test('groups mix security, dynamic and Microsoft 365 kinds, mostly security', () => {
    const dynamic = tenant.groups.filter((g) =>
      (g.groupTypes as string[]).includes('DynamicMembership'),
    );
    const unified = tenant.groups.filter((g) => (g.groupTypes as string[]).includes('Unified'));
    expect(dynamic.length).toBeGreaterThan(10);
    expect(unified.length).toBeGreaterThan(10);
    expect(dynamic.every((g) => typeof g.membershipRule === 'string')).toBe(true);
    expect(unified.every((g) => g.mailEnabled === true && typeof g.mail === 'string')).toBe(true);
    expect(dynamic.length + unified.length).toBeLessThan(tenant.groups.length / 2);
    for (const group of tenant.groups) {
      expect(validateResponse('group_response', group).errors).toEqual([]);
    }
  });

  test('memberships name existing users and groups, nest beyond the landmarks and never cycle', () => {
    const ids = new Set([...tenant.users, ...tenant.groups].map((o) => o.id));
    const groupIds = new Set(tenant.groups.map((g) => g.id));
    const landmarks = new Set<string>(Object.values(WELL_KNOWN.groups));
    let nested = 0;
    for (const [groupId, list] of tenant.groupMembers) {
      expect(groupIds.has(groupId)).toBe(true);
      expect(list.filter((m) => !ids.has(m))).toEqual([]);
      expect(new Set(list).size).toBe(list.length);
      if (!landmarks.has(groupId) && list.some((m) => groupIds.has(m))) nested++;
      expect(transitiveMembers(tenant, groupId).has(groupId)).toBe(false);
    }
    expect(nested).toBeGreaterThan(5);
  });
});

describe('the seeded assignment filters', () => {
  test.each([
    ['windowsCorporate', 'windows10AndLater'],
    ['iosCorporate', 'iOS'],
    ['androidCorporate', 'androidForWork'],
  ] as const)('the %s filter is a corporate-device filter for %s', (key, platform) => {
    const filter = find(tenant.assignmentFilters, WELL_KNOWN.filters[key]);
    expect(filter).toMatchObject({
      platform,
      rule: '(device.deviceOwnership -eq "Corporate")',
      assignmentFilterManagementType: 'devices',
      roleScopeTags: ['0'],
    });
    expect(typeof filter.displayName).toBe('string');
    expect(typeof filter.description).toBe('string');
    expect(
      validateResponse('deviceAndAppManagementAssignmentFilter_response', filter).errors,
    ).toEqual([]);
  });
});

describe('the benchmark scale', () => {
  test('createTenant(BENCH_SCALE) produces the bench counts with unique names', () => {
    const big = createTenant(BENCH_SCALE);
    expect(big.apps).toHaveLength(50_000);
    expect(big.configPolicies).toHaveLength(2_000);
    expect(big.groups).toHaveLength(200_000);
    expect(big.users).toHaveLength(20_000);
    for (const list of [big.apps, big.groups, big.configPolicies]) {
      expect(new Set(list.map((o) => o.displayName)).size).toBe(list.length);
    }
    const ids = [...big.apps, ...big.groups, ...big.users, ...big.configPolicies].map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
