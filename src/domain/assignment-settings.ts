import type { RequestableTarget } from './assignment';

/**
 * Per-assignment settings as the product reasons about them, free of Graph: a small record of
 * named values, one per kind of setting Intune's `*AppAssignmentSettings` types define. A request
 * holds only the values its requester chose that differ from what the assignment would otherwise
 * get (Intune's defaults for a new assignment, the existing assignment's values for a change), so
 * an untouched settings step changes nothing.
 */

export const NOTIFICATIONS = ['showAll', 'showReboot', 'hideAll'] as const;
export type Notifications = (typeof NOTIFICATIONS)[number];

export const DELIVERY_PRIORITIES = ['notConfigured', 'foreground'] as const;
export type DeliveryPriority = (typeof DELIVERY_PRIORITIES)[number];

export const AUTO_UPDATE_MODES = ['default', 'postponed', 'priority'] as const;
export type AutoUpdateMode = (typeof AUTO_UPDATE_MODES)[number];

/** Restart coordination after an install (Win32, Microsoft Store): all in minutes. */
export interface RestartGrace {
  gracePeriodMinutes: number;
  countdownMinutes: number;
  snoozeMinutes?: number;
}

/**
 * The settings of one assignment. Dates are wall-clock `YYYY-MM-DDTHH:mm`, read in UTC or, with
 * `useDeviceTime`, in each device's own time zone; `null` for a date or the restart grace period
 * means "none" (as soon as possible, no grace period).
 */
export interface AssignmentSettings {
  notifications?: Notifications;
  deliveryOptimization?: DeliveryPriority;
  availableFrom?: string | null;
  deadline?: string | null;
  useDeviceTime?: boolean;
  restartGrace?: RestartGrace | null;
  deviceLicensing?: boolean;
  uninstallOnDeviceRemoval?: boolean;
  removable?: boolean;
  preventManagedAppBackup?: boolean;
  preventAutoAppUpdate?: boolean;
  deviceContext?: boolean;
  autoUpdateMode?: AutoUpdateMode;
}

export type SettingName = keyof AssignmentSettings;

/** Every setting kind, in the order cards and diff lines show them. */
export const SETTING_NAMES: readonly SettingName[] = [
  'notifications',
  'deliveryOptimization',
  'useDeviceTime',
  'availableFrom',
  'deadline',
  'restartGrace',
  'deviceLicensing',
  'uninstallOnDeviceRemoval',
  'removable',
  'preventManagedAppBackup',
  'preventAutoAppUpdate',
  'deviceContext',
  'autoUpdateMode',
];

const WINDOWS_INSTALL: SettingName[] = [
  'notifications',
  'deliveryOptimization',
  'useDeviceTime',
  'availableFrom',
  'deadline',
  'restartGrace',
];
const IOS_APP: SettingName[] = ['uninstallOnDeviceRemoval', 'removable', 'preventManagedAppBackup'];
const VPP_APP: SettingName[] = ['deviceLicensing', ...IOS_APP, 'preventAutoAppUpdate'];

/**
 * The settings each app type's `*AppAssignmentSettings` type has in Graph beta (the widest
 * version); the Graph adapter narrows this to what the configured version can write.
 */
export const SETTINGS_BY_APP_TYPE: Readonly<Record<string, readonly SettingName[]>> = {
  win32LobApp: WINDOWS_INSTALL,
  win32CatalogApp: WINDOWS_INSTALL,
  winGetApp: ['notifications', 'useDeviceTime', 'deadline', 'restartGrace'],
  iosVppApp: VPP_APP,
  macOsVppApp: [
    'deviceLicensing',
    'uninstallOnDeviceRemoval',
    'preventManagedAppBackup',
    'preventAutoAppUpdate',
  ],
  iosLobApp: IOS_APP,
  iosStoreApp: IOS_APP,
  macOSLobApp: ['uninstallOnDeviceRemoval'],
  microsoftStoreForBusinessApp: ['deviceContext'],
  windowsUniversalAppX: ['deviceContext'],
  windowsAppX: ['deviceContext'],
  androidManagedStoreApp: ['autoUpdateMode'],
};

/** The settings an app type has at all (any version). */
export function settingNamesFor(appType: string): readonly SettingName[] {
  return SETTINGS_BY_APP_TYPE[appType.replace(/^#?microsoft\.graph\./, '')] ?? [];
}

/**
 * What a new assignment gets when nothing is chosen: the values the bot has always written, and
 * for the rest what Intune does with an unset value (documented as "null is treated as TRUE" for
 * iOS removability and uninstall on removal). Device context is what an All devices assignment
 * needs; user context otherwise.
 */
export function defaultSettings(appType: string, target: RequestableTarget): AssignmentSettings {
  const macLob = appType === 'macOSLobApp';
  const all: AssignmentSettings = {
    notifications: 'showAll',
    deliveryOptimization: 'notConfigured',
    availableFrom: null,
    deadline: null,
    useDeviceTime: false,
    restartGrace: null,
    deviceLicensing: true,
    uninstallOnDeviceRemoval: !macLob,
    removable: true,
    preventManagedAppBackup: false,
    preventAutoAppUpdate: false,
    deviceContext: target.kind === 'allDevices',
    autoUpdateMode: 'default',
  };
  return pick(all, settingNamesFor(appType));
}

/** Only the named settings of `settings`. */
export function pick(
  settings: AssignmentSettings,
  names: readonly SettingName[],
): AssignmentSettings {
  const out: Record<string, unknown> = {};
  for (const name of names) if (settings[name] !== undefined) out[name] = settings[name];
  return out as AssignmentSettings;
}

/** True when two values of a setting mean the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The values of `chosen` that differ from `base`, or undefined when none do: what a request
 * stores, so that choosing what is already there changes nothing.
 */
export function differences(
  chosen: AssignmentSettings,
  base: AssignmentSettings,
): AssignmentSettings | undefined {
  const names = SETTING_NAMES.filter(
    (name) => chosen[name] !== undefined && !sameValue(chosen[name], base[name]),
  );
  return names.length > 0 ? pick(chosen, names) : undefined;
}
