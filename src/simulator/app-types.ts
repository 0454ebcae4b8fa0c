import type { GraphVersion } from './graph-schemas';
import { knownTypes } from './schema-defs';

/**
 * Type knowledge the schema files do not encode: the inheritance of app types (for `isof`) and
 * which assignment settings type belongs to which app type. Names are without `microsoft.graph.`.
 */

/** Direct base type of each derived app or policy type that has a base other than the root. */
const BASE_TYPE: Record<string, string> = {
  androidLobApp: 'mobileLobApp',
  iosLobApp: 'mobileLobApp',
  macOSLobApp: 'mobileLobApp',
  macOSDmgApp: 'mobileLobApp',
  macOSPkgApp: 'mobileLobApp',
  win32LobApp: 'mobileLobApp',
  win32CatalogApp: 'win32LobApp',
  windowsAppX: 'mobileLobApp',
  windowsUniversalAppX: 'mobileLobApp',
  windowsMobileMSI: 'mobileLobApp',
  windowsPhone81AppX: 'mobileLobApp',
  windowsPhone81AppXBundle: 'windowsPhone81AppX',
  windowsPhoneXAP: 'mobileLobApp',
  managedAndroidStoreApp: 'managedApp',
  managedIOSStoreApp: 'managedApp',
  managedMobileLobApp: 'managedApp',
  managedAndroidLobApp: 'managedMobileLobApp',
  managedIOSLobApp: 'managedMobileLobApp',
  androidManagedStoreWebApp: 'androidManagedStoreApp',
};

const APP_ROOT = 'mobileApp';
const CONFIG_ROOT = 'managedDeviceMobileAppConfiguration';
const ABSTRACT_APP_TYPES = [APP_ROOT, 'mobileLobApp', 'managedApp', 'managedMobileLobApp'];

/** Whether `concrete` is `requested` or derives from it (OData `isof`). */
export function isOfType(concrete: string, requested: string, root: string): boolean {
  if (requested === root) return true;
  for (let t: string | undefined = concrete; t !== undefined; t = BASE_TYPE[t]) {
    if (t === requested) return true;
  }
  return false;
}

/** Type names `isof` accepts on the apps collection of a version (unknown names are a 400). */
export function appTypeNames(version: GraphVersion): Set<string> {
  return new Set([...knownTypes(version, 'mobileApp_response'), ...ABSTRACT_APP_TYPES]);
}

export function configTypeNames(version: GraphVersion): Set<string> {
  return new Set([
    ...knownTypes(version, 'managedDeviceMobileAppConfiguration_response'),
    CONFIG_ROOT,
  ]);
}

export const APP_TYPE_ROOT = APP_ROOT;
export const CONFIG_TYPE_ROOT = CONFIG_ROOT;

/**
 * Settings types an assignment of each app type may carry. Stricter reading: a settings type that
 * does not belong to the app (e.g. `win32LobAppAssignmentSettings` on an `iosVppApp`), or any
 * settings on an app type that has none, is refused with 400 rather than silently stored.
 */
const SETTINGS_BY_APP_TYPE: Record<string, string[]> = {
  win32LobApp: ['win32LobAppAssignmentSettings'],
  win32CatalogApp: ['win32CatalogAppAssignmentSettings', 'win32LobAppAssignmentSettings'],
  winGetApp: ['winGetAppAssignmentSettings'],
  iosVppApp: ['iosVppAppAssignmentSettings', 'iosDdmVppAppAssignmentSettings'],
  iosLobApp: ['iosLobAppAssignmentSettings', 'iosDdmLobAppAssignmentSettings'],
  iosStoreApp: ['iosStoreAppAssignmentSettings', 'iosDdmStoreAppAssignmentSettings'],
  macOSLobApp: ['macOsLobAppAssignmentSettings'],
  macOsVppApp: ['macOsVppAppAssignmentSettings', 'macOsDdmVppAppAssignmentSettings'],
  microsoftStoreForBusinessApp: ['microsoftStoreForBusinessAppAssignmentSettings'],
  windowsAppX: ['windowsAppXAppAssignmentSettings'],
  windowsUniversalAppX: ['windowsUniversalAppXAppAssignmentSettings'],
  androidManagedStoreApp: ['androidManagedStoreAppAssignmentSettings'],
  androidManagedStoreWebApp: ['androidManagedStoreAppAssignmentSettings'],
};

export function allowedSettingsTypes(appType: string): string[] {
  return SETTINGS_BY_APP_TYPE[appType] ?? [];
}
