import type { RequestableTarget } from '../domain/assignment';
import type { GraphVersion } from './graph-http';

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
    '@odata.type': settingsType('windowsUniversalAppX'),
    useDeviceContext: target.kind === 'allDevices',
  }),
  windowsAppX: (target) => ({
    '@odata.type': settingsType('windowsAppX'),
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
 * Exclusions never carry settings: Intune refuses them.
 */
export function newAssignmentSettings(
  appType: string,
  target: RequestableTarget,
  version: GraphVersion,
): Settings | null {
  if (target.kind === 'group' && target.exclude) return null;
  return BUILDERS[appType]?.(target, version) ?? null;
}
