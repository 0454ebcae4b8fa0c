import type { GraphObject } from '../tenant-data';
import type { AppType } from './app-catalog';
import { ALL_DEVICES_VIRTUAL_ID, ALL_USERS_VIRTUAL_ID } from './well-known';

export type Intent = 'available' | 'required' | 'uninstall' | 'availableWithoutEnrollment';

/** Intune numbers intents in this order inside assignment ids. */
const INTENT_NUMBER: Record<Intent, number> = {
  available: 0,
  required: 1,
  uninstall: 2,
  availableWithoutEnrollment: 3,
};

/** What an assignment points at; `filter` is only allowed on include kinds. */
export type TargetSpec =
  | { kind: 'group'; groupId: string; filter?: FilterRef }
  | { kind: 'exclusion'; groupId: string }
  | { kind: 'allUsers'; filter?: FilterRef }
  | { kind: 'allDevices'; filter?: FilterRef };

export interface FilterRef {
  id: string;
  type: 'include' | 'exclude';
}

const TARGET_TYPE = {
  group: '#microsoft.graph.groupAssignmentTarget',
  exclusion: '#microsoft.graph.exclusionGroupAssignmentTarget',
  allUsers: '#microsoft.graph.allLicensedUsersAssignmentTarget',
  allDevices: '#microsoft.graph.allDevicesAssignmentTarget',
} as const;

/** A beta `deviceAndAppManagementAssignmentTarget`; exclusions never carry a filter. */
export function buildTarget(spec: TargetSpec): Record<string, unknown> {
  const filter = spec.kind === 'exclusion' ? undefined : spec.filter;
  return {
    '@odata.type': TARGET_TYPE[spec.kind],
    ...('groupId' in spec ? { groupId: spec.groupId } : {}),
    deviceAndAppManagementAssignmentFilterId: filter?.id ?? null,
    deviceAndAppManagementAssignmentFilterType: filter?.type ?? 'none',
  };
}

/** The id segment Intune uses for a target: the group id, or the virtual All users/devices id. */
export function targetKey(spec: TargetSpec): string {
  if (spec.kind === 'allUsers') return ALL_USERS_VIRTUAL_ID;
  if (spec.kind === 'allDevices') return ALL_DEVICES_VIRTUAL_ID;
  return spec.groupId;
}

/**
 * The settings Intune stores on an include assignment of this app type, or null where the type
 * has none (web links, Microsoft 365 Apps).
 */
export function settingsFor(type: AppType): Record<string, unknown> | null {
  switch (type) {
    case 'win32LobApp':
      return {
        '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
        notifications: 'showAll',
        deliveryOptimizationPriority: 'notConfigured',
        installTimeSettings: null,
        restartSettings: null,
        autoUpdateSettings: null,
      };
    case 'iosVppApp':
      return {
        '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
        useDeviceLicensing: true,
        vpnConfigurationId: null,
        uninstallOnDeviceRemoval: false,
        isRemovable: true,
        preventManagedAppBackup: false,
        preventAutoAppUpdate: false,
      };
    case 'iosStoreApp':
      return {
        '@odata.type': '#microsoft.graph.iosStoreAppAssignmentSettings',
        vpnConfigurationId: null,
        uninstallOnDeviceRemoval: false,
        isRemovable: true,
        preventManagedAppBackup: false,
      };
    case 'androidManagedStoreApp':
      return {
        '@odata.type': '#microsoft.graph.androidManagedStoreAppAssignmentSettings',
        androidManagedStoreAppTrackIds: [],
        autoUpdateMode: 'default',
      };
    case 'winGetApp':
      return {
        '@odata.type': '#microsoft.graph.winGetAppAssignmentSettings',
        notifications: 'showAll',
        installTimeSettings: null,
        restartSettings: null,
      };
    case 'macOSLobApp':
      return {
        '@odata.type': '#microsoft.graph.macOsLobAppAssignmentSettings',
        uninstallOnDeviceRemoval: false,
      };
    case 'microsoftStoreForBusinessApp':
      return {
        '@odata.type': '#microsoft.graph.microsoftStoreForBusinessAppAssignmentSettings',
        useDeviceContext: true,
      };
    case 'webApp':
    case 'officeSuiteApp':
      return null;
  }
}

/**
 * A beta `mobileAppAssignment` in Intune's stored shape: id `${target}_${intent}_${0|1}`,
 * settings only on include targets.
 */
export function buildAppAssignment(options: {
  appType: AppType;
  intent: Intent;
  target: TargetSpec;
  policySetId?: string;
}): GraphObject {
  const { appType, intent, target, policySetId } = options;
  const exclusion = target.kind === 'exclusion';
  return {
    '@odata.type': '#microsoft.graph.mobileAppAssignment',
    id: `${targetKey(target)}_${INTENT_NUMBER[intent]}_${exclusion ? 1 : 0}`,
    intent,
    source: policySetId ? 'policySets' : 'direct',
    sourceId: policySetId ?? null,
    target: buildTarget(target),
    settings: exclusion ? null : settingsFor(appType),
  };
}

/** A beta `managedDeviceMobileAppConfigurationAssignment` (its schema has no `source`). */
export function buildConfigAssignment(policyId: string, target: TargetSpec): GraphObject {
  return {
    '@odata.type': '#microsoft.graph.managedDeviceMobileAppConfigurationAssignment',
    id: `${policyId}_${targetKey(target)}`,
    target: buildTarget(target),
  };
}
