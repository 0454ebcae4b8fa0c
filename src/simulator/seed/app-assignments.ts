import type { GraphObject } from '../tenant-data';
import type { AppType } from './app-catalog';
import type { SeededApp } from './apps';
import {
  buildAppAssignment,
  type FilterRef,
  type Intent,
  type TargetSpec,
} from './assignment-builders';
import type { Rng } from './random';
import { BASELINE_POLICY_SET_ID, KIOSK_FILTER_ID, WELL_KNOWN } from './well-known';

const G = WELL_KNOWN.groups;
const A = WELL_KNOWN.apps;

/** The fixed assignments of the landmark apps; apps not listed here have none. */
export function wellKnownAssignments(): Map<string, GraphObject[]> {
  const pilot = (appType: AppType, intent: Intent): GraphObject[] => [
    buildAppAssignment({ appType, intent, target: { kind: 'group', groupId: G.pilotUsers } }),
  ];
  const win32 = 'win32LobApp';
  return new Map([
    [
      A.win32,
      [
        buildAppAssignment({
          appType: win32,
          intent: 'required',
          target: {
            kind: 'group',
            groupId: G.marketing,
            filter: { id: WELL_KNOWN.filters.windowsCorporate, type: 'include' },
          },
        }),
        buildAppAssignment({
          appType: win32,
          intent: 'required',
          target: { kind: 'exclusion', groupId: G.engineering },
        }),
        buildAppAssignment({ appType: win32, intent: 'available', target: { kind: 'allUsers' } }),
        buildAppAssignment({
          appType: win32,
          intent: 'required',
          target: { kind: 'allDevices', filter: { id: KIOSK_FILTER_ID, type: 'exclude' } },
        }),
      ],
    ],
    [A.iosVpp, pilot('iosVppApp', 'required')],
    [A.iosStore, pilot('iosStoreApp', 'available')],
    [A.androidManagedStore, pilot('androidManagedStoreApp', 'required')],
    [A.webApp, pilot('webApp', 'available')],
    [A.winGet, pilot('winGetApp', 'available')],
    [A.officeSuite, pilot('officeSuiteApp', 'required')],
    [A.macOSLob, pilot('macOSLobApp', 'required')],
    [A.storeForBusiness, pilot('microsoftStoreForBusinessApp', 'available')],
    [
      A.policySet,
      [
        buildAppAssignment({
          appType: win32,
          intent: 'required',
          target: { kind: 'group', groupId: G.pilotUsers },
          policySetId: BASELINE_POLICY_SET_ID,
        }),
        buildAppAssignment({ appType: win32, intent: 'available', target: { kind: 'allUsers' } }),
      ],
    ],
  ]);
}

/** What the random assignment generator draws from. */
export interface AssignmentPools {
  rng: Rng;
  /** Groups apps may be assigned to (security groups outside the landmark ones). */
  groupIds: readonly string[];
  filtersByType: Map<AppType, string[]>;
}

const KINDS = ['group', 'exclusion', 'allUsers', 'allDevices'] as const;
const KIND_WEIGHTS = [55, 15, 15, 15];

function groupIntents(type: AppType): Intent[] {
  if (type === 'webApp') return ['available', 'required'];
  const intents: Intent[] = ['required', 'required', 'available', 'available', 'uninstall'];
  if (type === 'iosStoreApp' || type === 'androidManagedStoreApp') {
    intents.push('availableWithoutEnrollment');
  }
  return intents;
}

function maybeFilter(type: AppType, pools: AssignmentPools): FilterRef | undefined {
  const ids = pools.filtersByType.get(type) ?? [];
  if (ids.length === 0 || !pools.rng.chance(0.3)) return undefined;
  return { id: pools.rng.pick(ids), type: pools.rng.chance(0.6) ? 'include' : 'exclude' };
}

/**
 * About 60% of published apps get 1-6 assignments across every target kind, keeping Intune's
 * rules: one assignment per group, All users and All devices once each, no `available` on All
 * devices, exclusions without settings or filters (and only next to an include).
 */
export function randomAppAssignments(app: SeededApp, pools: AssignmentPools): GraphObject[] {
  const { rng, groupIds } = pools;
  if (!app.published || !rng.chance(0.6)) return [];
  const count = rng.int(1, 6);
  const usedGroups = new Set<string>();
  const includeIntents: Intent[] = [];
  let hasAllUsers = false;
  let hasAllDevices = false;
  const result: GraphObject[] = [];
  for (let i = 0; i < count; i++) {
    let kind: (typeof KINDS)[number] = KINDS[rng.weighted(KIND_WEIGHTS)] ?? 'group';
    if (kind === 'exclusion' && includeIntents.length === 0) kind = 'group';
    if ((kind === 'allUsers' && hasAllUsers) || (kind === 'allDevices' && hasAllDevices)) {
      kind = 'group';
    }
    let target: TargetSpec;
    let intent: Intent;
    if (kind === 'allUsers') {
      hasAllUsers = true;
      intent = rng.chance(0.7) || app.type === 'webApp' ? 'available' : 'required';
      target = { kind, filter: maybeFilter(app.type, pools) };
    } else if (kind === 'allDevices') {
      hasAllDevices = true;
      intent = rng.chance(0.85) ? 'required' : 'uninstall';
      target = { kind, filter: maybeFilter(app.type, pools) };
    } else {
      if (groupIds.length === 0 || usedGroups.size >= groupIds.length) continue;
      let groupId = rng.pick(groupIds);
      while (usedGroups.has(groupId)) groupId = rng.pick(groupIds);
      usedGroups.add(groupId);
      if (kind === 'exclusion') {
        const enrolled = includeIntents.filter((x) => x !== 'availableWithoutEnrollment');
        intent = enrolled.length > 0 ? rng.pick(enrolled) : 'required';
        target = { kind, groupId };
      } else {
        intent = rng.pick(groupIntents(app.type));
        // Device filters do not apply to unenrolled (MAM) targeting.
        const filter =
          intent === 'availableWithoutEnrollment' ? undefined : maybeFilter(app.type, pools);
        target = { kind, groupId, filter };
      }
    }
    if (kind !== 'exclusion') includeIntents.push(intent);
    result.push(buildAppAssignment({ appType: app.type, intent, target }));
  }
  return result;
}
