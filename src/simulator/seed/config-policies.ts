import type { GraphObject } from '../tenant-data';
import { buildConfigAssignment, type TargetSpec } from './assignment-builders';
import { REGIONS } from './names';
import { Combinations, Rng } from './random';
import { WELL_KNOWN } from './well-known';

type ConfigApp = readonly [name: string, ios: string, android: string];

/** Apps admins configure through app configuration policies: [name, iOS bundle, Android package]. */
const CONFIG_APPS: readonly ConfigApp[] = [
  ['Outlook', 'com.microsoft.Office.Outlook', 'com.microsoft.office.outlook'],
  ['Teams', 'com.microsoft.skype.teams', 'com.microsoft.teams'],
  ['Edge', 'com.microsoft.msedge', 'com.microsoft.emmx'],
  ['OneDrive', 'com.microsoft.skydrive', 'com.microsoft.skydrive'],
  ['Word', 'com.microsoft.Office.Word', 'com.microsoft.office.word'],
  ['Excel', 'com.microsoft.Office.Excel', 'com.microsoft.office.excel'],
  ['PowerPoint', 'com.microsoft.Office.Powerpoint', 'com.microsoft.office.powerpoint'],
  ['Zoom', 'us.zoom.videomeetings', 'us.zoom.videomeetings'],
  ['Webex', 'com.webex.meeting', 'com.cisco.wx2.android'],
  ['Slack', 'com.tinyspeck.chatlyio', 'com.Slack'],
  ['Chrome', 'com.google.chrome.ios', 'com.android.chrome'],
  ['Box', 'net.box.BoxNet', 'com.box.android'],
  ['Defender', 'com.microsoft.scmx', 'com.microsoft.scmx'],
  ['Authenticator', 'com.microsoft.azureauthenticator', 'com.azure.authenticator'],
];

const PURPOSES = [
  'Corporate accounts',
  'Org allowed accounts',
  'Default settings',
  'Kiosk mode',
  'Managed bookmarks',
  'Pilot ring',
  'Restricted sharing',
  'Homepage',
  'SSO settings',
  'Frontline workers',
  'Shared devices',
  'Executives',
];

const PLATFORMS = ['iOS', 'Android'];

/** What a policy needs besides names: app ids by iOS bundle and Android package. */
export interface PolicyContext {
  rng: Rng;
  iosAppIds: Map<string, string>;
  androidAppIds: Map<string, string>;
  /** Groups policies may target. */
  groupIds: readonly string[];
  iosFilters: readonly string[];
  androidFilters: readonly string[];
}

interface PolicySpec {
  id: string;
  app: ConfigApp;
  platform: string;
  displayName: string;
  /** An OEMConfig profile: a device vendor's settings app configured through managed Google Play. */
  oemConfig?: boolean;
}

/** Zebra's OEMConfig app, the usual example of an OEMConfig profile. */
const ZEBRA_OEMCONFIG: ConfigApp = ['Zebra OEMConfig', '', 'com.zebra.oemconfig.common'];

function policyObject(spec: PolicySpec, ctx: PolicyContext): GraphObject {
  const { rng } = ctx;
  const [, bundleId, packageId] = spec.app;
  const created = rng.date('2024-01-01T00:00:00Z', '2025-12-31T23:59:59Z');
  const common = {
    id: spec.id,
    displayName: spec.displayName,
    description: `${spec.displayName}. Owned by Workplace Engineering.`,
    createdDateTime: created,
    lastModifiedDateTime: rng.date(created, '2026-03-31T23:59:59Z'),
    version: rng.int(1, 9),
    roleScopeTagIds: ['0'],
  };
  if (spec.platform === 'iOS') {
    const appId = ctx.iosAppIds.get(bundleId);
    return {
      '@odata.type': '#microsoft.graph.iosMobileAppConfiguration',
      ...common,
      targetedMobileApps: appId ? [appId] : [],
      encodedSettingXml: null,
      settings: [
        {
          appConfigKey: 'IntuneMAMAllowedAccountsOnly',
          appConfigKeyType: 'stringType',
          appConfigKeyValue: 'Enabled',
        },
        {
          appConfigKey: 'IntuneMAMUPN',
          appConfigKeyType: 'stringType',
          appConfigKeyValue: '{{userprincipalname}}',
        },
        {
          appConfigKey: 'IntuneMAMRequireAccounts',
          appConfigKeyType: 'booleanType',
          appConfigKeyValue: 'true',
        },
      ],
    };
  }
  const appId = ctx.androidAppIds.get(packageId);
  const payload = {
    kind: 'androidenterprise#managedConfiguration',
    productId: `app:${packageId}`,
    managedProperty: [
      { key: 'com.microsoft.intune.mam.AllowedAccountUPNs', valueString: '{{userprincipalname}}' },
    ],
  };
  return {
    '@odata.type': '#microsoft.graph.androidManagedStoreAppConfiguration',
    ...common,
    targetedMobileApps: appId ? [appId] : [],
    packageId,
    payloadJson: Buffer.from(JSON.stringify(payload)).toString('base64'),
    permissionActions: [],
    appSupportsOemConfig: spec.oemConfig === true,
    profileApplicability: rng.pick(['default', 'androidWorkProfile', 'androidDeviceOwner']),
    connectedAppsEnabled: false,
  };
}

function randomTargets(policyId: string, platform: string, ctx: PolicyContext): GraphObject[] {
  const { rng, groupIds } = ctx;
  if (groupIds.length === 0 || !rng.chance(0.55)) return [];
  const filters = platform === 'iOS' ? ctx.iosFilters : ctx.androidFilters;
  const used = new Set<string>();
  const targets: TargetSpec[] = [];
  const count = Math.min(rng.int(1, 3), groupIds.length);
  for (let i = 0; i < count; i++) {
    let groupId = rng.pick(groupIds);
    while (used.has(groupId)) groupId = rng.pick(groupIds);
    used.add(groupId);
    const filter =
      filters.length > 0 && rng.chance(0.2)
        ? {
            id: rng.pick(filters),
            type: rng.chance(0.5) ? ('include' as const) : ('exclude' as const),
          }
        : undefined;
    targets.push(
      i > 0 && rng.chance(0.2)
        ? { kind: 'exclusion', groupId }
        : { kind: 'group', groupId, filter },
    );
  }
  if (rng.chance(0.1)) targets.push({ kind: 'allUsers' });
  return targets.map((t) => buildConfigAssignment(policyId, t));
}

/**
 * `count` app configuration policies (at least the two landmarks): "{app} {platform} - {purpose}"
 * for every pair, then per region, with about half assigned to 1-3 groups.
 */
export function createConfigPolicies(
  count: number,
  ctx: PolicyContext,
): { policies: GraphObject[]; assignments: Map<string, GraphObject[]> } {
  const P = WELL_KNOWN.configPolicies;
  const outlook = CONFIG_APPS[0] as ConfigApp;
  const teams = CONFIG_APPS[1] as ConfigApp;
  const landmarks: PolicySpec[] = [
    { id: P.ios, app: outlook, platform: 'iOS', displayName: 'Outlook iOS - Corporate accounts' },
    {
      id: P.android,
      app: teams,
      platform: 'Android',
      displayName: 'Teams Android - Org allowed accounts',
    },
  ];
  const policies = landmarks.map((spec) => policyObject(spec, ctx));
  // The OEMConfig landmark draws from its own stream, so the generated policies stay as they were.
  const oem: PolicySpec = {
    id: P.oemConfig,
    app: ZEBRA_OEMCONFIG,
    platform: 'Android',
    displayName: 'Zebra OEMConfig - Warehouse scanners',
    oemConfig: true,
  };
  policies.push(policyObject(oem, { ...ctx, rng: new Rng('oemconfig') }));
  const engineering = { kind: 'group' as const, groupId: WELL_KNOWN.groups.engineering };
  const assignments = new Map<string, GraphObject[]>([
    [P.ios, [buildConfigAssignment(P.ios, { kind: 'group', groupId: WELL_KNOWN.groups.sales })]],
    [P.oemConfig, [buildConfigAssignment(P.oemConfig, engineering)]],
  ]);
  const names = new Set([...landmarks, oem].map((l) => l.displayName));
  const plain = new Combinations([CONFIG_APPS.map((a) => a[0]), PLATFORMS, PURPOSES], ctx.rng);
  const regional = new Combinations(
    [CONFIG_APPS.map((a) => a[0]), PLATFORMS, PURPOSES, REGIONS],
    ctx.rng,
  );
  while (policies.length < count) {
    const [appName, platform, purpose, region] = plain.exhausted ? regional.next() : plain.next();
    const displayName = `${appName} ${platform} - ${purpose}${region ? ` (${region})` : ''}`;
    if (names.has(displayName)) continue;
    names.add(displayName);
    const app = CONFIG_APPS.find((a) => a[0] === appName) ?? outlook;
    const spec: PolicySpec = { id: ctx.rng.guid(), app, platform: platform ?? 'iOS', displayName };
    policies.push(policyObject(spec, ctx));
    const targets = randomTargets(spec.id, spec.platform, ctx);
    if (targets.length > 0) assignments.set(spec.id, targets);
  }
  return { policies, assignments };
}
