import type { GraphObject } from '../tenant-data';
import type { Rng } from './random';
import { WELL_KNOWN } from './well-known';

type ManagedApp = readonly [name: string, ios: string, android: string];

/** Microsoft apps that take app configuration through the Intune App SDK (the MAM channel). */
const APPS: Record<string, ManagedApp> = {
  Outlook: ['Outlook', 'com.microsoft.Office.Outlook', 'com.microsoft.office.outlook'],
  Teams: ['Teams', 'com.microsoft.skype.teams', 'com.microsoft.teams'],
  Edge: ['Edge', 'com.microsoft.msedge', 'com.microsoft.emmx'],
  OneDrive: ['OneDrive', 'com.microsoft.skydrive', 'com.microsoft.skydrive'],
  Word: ['Word', 'com.microsoft.Office.Word', 'com.microsoft.office.word'],
};

interface Spec {
  id: string;
  app: string;
  displayName: string;
  settings: Record<string, string>;
  /** Included group ids, then excluded ones. */
  include: string[];
  exclude: string[];
}

function managedApps(app: ManagedApp): GraphObject[] {
  const [, bundleId, packageId] = app;
  return [
    {
      id: `${bundleId}.ios`,
      mobileAppIdentifier: { '@odata.type': '#microsoft.graph.iosMobileAppIdentifier', bundleId },
      version: '1',
    },
    {
      id: `${packageId}.android`,
      mobileAppIdentifier: {
        '@odata.type': '#microsoft.graph.androidMobileAppIdentifier',
        packageId,
      },
      version: '1',
    },
  ];
}

function policy(spec: Spec, rng: Rng): GraphObject {
  const app = APPS[spec.app] ?? (APPS.Outlook as ManagedApp);
  const created = rng.date('2024-01-01T00:00:00Z', '2025-12-31T23:59:59Z');
  return {
    '@odata.type': '#microsoft.graph.targetedManagedAppConfiguration',
    id: spec.id,
    displayName: spec.displayName,
    description: `${spec.displayName}. Owned by Workplace Engineering.`,
    createdDateTime: created,
    lastModifiedDateTime: rng.date(created, '2026-03-31T23:59:59Z'),
    roleScopeTagIds: ['0'],
    version: `"${rng.guid()}"`,
    deployedAppCount: 2,
    isAssigned: spec.include.length + spec.exclude.length > 0,
    appGroupType: 'selectedPublicApps',
    targetedAppManagementLevels: 'unspecified',
    customSettings: Object.entries(spec.settings).map(([name, value]) => ({ name, value })),
    apps: managedApps(app),
  };
}

/** A stored (beta-shape) assignment: Intune's `{groupId}_{0 include | 1 exclude}` id. */
export function managedAppAssignment(groupId: string, exclude: boolean): GraphObject {
  return {
    '@odata.type': '#microsoft.graph.targetedManagedAppPolicyAssignment',
    id: `${groupId}_${exclude ? 1 : 0}`,
    source: 'direct',
    sourceId: null,
    target: {
      '@odata.type': `#microsoft.graph.${exclude ? 'exclusionGroupAssignmentTarget' : 'groupAssignmentTarget'}`,
      groupId,
      deviceAndAppManagementAssignmentFilterId: null,
      deviceAndAppManagementAssignmentFilterType: 'none',
    },
  };
}

const ACCOUNTS = { 'com.microsoft.intune.mam.AllowedAccountUPNs': '{{userprincipalname}}' };

/**
 * App configuration policies for managed apps: the three landmarks (Outlook with an include and an
 * exclusion, Teams with an include, Edge unassigned) and a few more on other groups.
 */
export function createManagedAppConfigs(
  rng: Rng,
  groupIds: readonly string[],
): { policies: GraphObject[]; assignments: Map<string, GraphObject[]> } {
  const W = WELL_KNOWN.managedAppConfigs;
  const G = WELL_KNOWN.groups;
  const pick = (i: number) => groupIds.slice(i, i + 1);
  const specs: Spec[] = [
    {
      id: W.outlook,
      app: 'Outlook',
      displayName: 'Outlook - Managed apps settings',
      settings: { 'com.microsoft.outlook.Mail.FocusedInbox': 'true', ...ACCOUNTS },
      include: [G.sales],
      exclude: [G.pilotUsers],
    },
    {
      id: W.teams,
      app: 'Teams',
      displayName: 'Teams - Org allowed accounts (managed apps)',
      settings: ACCOUNTS,
      include: [G.marketing],
      exclude: [],
    },
    {
      id: W.edge,
      app: 'Edge',
      displayName: 'Edge - Managed bookmarks (managed apps)',
      settings: {
        'com.microsoft.intune.mam.managedbrowser.bookmarks':
          'Intranet|https://intranet.contoso.com',
      },
      include: [],
      exclude: [],
    },
    ...['OneDrive', 'Word', 'Edge'].map((app, i) => ({
      id: rng.guid(),
      app,
      displayName: `${app} - Frontline workers (managed apps)`,
      settings: ACCOUNTS,
      include: pick(i * 2),
      exclude: pick(i * 2 + 1),
    })),
  ];
  const assignments = new Map<string, GraphObject[]>();
  for (const spec of specs) {
    const list = [
      ...spec.include.map((id) => managedAppAssignment(id, false)),
      ...spec.exclude.map((id) => managedAppAssignment(id, true)),
    ];
    if (list.length > 0) assignments.set(spec.id, list);
  }
  return { policies: specs.map((spec) => policy(spec, rng)), assignments };
}
