import type { RequestableTarget } from '../domain/assignment';
import type { AssignmentSettings } from '../domain/assignment-settings';
import type { GraphVersion } from './graph-http';
import { settingsTypeOf, withSettings } from './settings-mapping';

type Settings = Record<string, unknown> & { '@odata.type': string };

const settingsType = (name: string) => `#microsoft.graph.${name}AssignmentSettings`;

/** Settings by app type for a new include assignment; types absent here take none. */
const BUILDERS: Record<
  string,
  (target: RequestableTarget, version: GraphVersion) => Settings | undefined
> = {
  win32LobApp: () => ({
    '@odata.type': settingsType('win32LobApp'),
    notifications: 'showAll',
    deliveryOptimizationPriority: 'notConfigured',
    installTimeSettings: null,
    restartSettings: null,
  }),
  iosVppApp: () => ({
    '@odata.type': settingsType('iosVppApp'),
    useDeviceLicensing: true,
    vpnConfigurationId: null,
  }),
  iosStoreApp: () => ({ '@odata.type': settingsType('iosStoreApp'), vpnConfigurationId: null }),
  iosLobApp: () => ({ '@odata.type': settingsType('iosLobApp'), vpnConfigurationId: null }),
  macOSLobApp: () => ({
    '@odata.type': settingsType('macOsLobApp'),
    uninstallOnDeviceRemoval: false,
  }),
  // Device context is what an All devices assignment needs; user context otherwise.
  microsoftStoreForBusinessApp: (target) => ({
    '@odata.type': settingsType('microsoftStoreForBusinessApp'),
    useDeviceContext: target.kind === 'allDevices',
  }),
  windowsUniversalAppX: (target) => ({
    '@odata.type': settingsType('windowsUniversalAppXApp'),
    useDeviceContext: target.kind === 'allDevices',
  }),
  windowsAppX: (target) => ({
    '@odata.type': settingsType('windowsAppXApp'),
    useDeviceContext: target.kind === 'allDevices',
  }),
  // Beta-only types: v1.0 has neither the app types nor their settings.
  winGetApp: (_target, version) =>
    version === 'beta'
      ? {
          '@odata.type': settingsType('winGetApp'),
          notifications: 'showAll',
          installTimeSettings: null,
          restartSettings: null,
        }
      : undefined,
  androidManagedStoreApp: (_target, version) =>
    version === 'beta'
      ? {
          '@odata.type': settingsType('androidManagedStoreApp'),
          androidManagedStoreAppTrackIds: [],
          autoUpdateMode: 'default',
        }
      : undefined,
};

/**
 * The settings object a new include assignment of this app type carries (SPEC section 1), e.g.
 * `win32LobAppAssignmentSettings` with `notifications: showAll`; `null` where the type has none.
 * Settings the requester chose are written over those defaults; without any, the object is the
 * one the bot has always sent. Exclusions never carry settings: Intune refuses them.
 */
export function newAssignmentSettings(
  appType: string,
  target: RequestableTarget,
  version: GraphVersion,
  chosen?: AssignmentSettings,
): Record<string, unknown> | null {
  if (target.kind === 'group' && target.exclude) return null;
  const defaults = BUILDERS[appType]?.(target, version);
  if (chosen === undefined) return defaults ?? null;
  const type = settingsTypeOf(appType);
  const base =
    defaults ?? (type === undefined ? undefined : { '@odata.type': `#microsoft.graph.${type}` });
  return base === undefined ? null : withSettings(base, chosen);
}

/**
 * The settings object of an existing assignment changed by the chosen settings: its own object
 * with only those properties replaced, or, when it has none of the app's type, a new one.
 */
export function changedAssignmentSettings(
  existing: unknown,
  appType: string,
  target: RequestableTarget,
  version: GraphVersion,
  chosen: AssignmentSettings,
): Record<string, unknown> | null {
  const type = settingsTypeOf(appType);
  const own = existing as Record<string, unknown> | null | undefined;
  const sameType =
    typeof own === 'object' && own !== null && String(own['@odata.type']).endsWith(`.${type}`);
  return sameType
    ? withSettings(own, chosen)
    : newAssignmentSettings(appType, target, version, chosen);
}
