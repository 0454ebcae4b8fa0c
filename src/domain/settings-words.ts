import {
  SETTING_NAMES,
  sameValue,
  type AssignmentSettings,
  type RestartGrace,
  type SettingName,
} from './assignment-settings';

/** Each setting's name in plain words, as the Intune admin center calls it. */
export const SETTING_LABELS: Record<SettingName, string> = {
  notifications: 'notifications',
  deliveryOptimization: 'download priority',
  useDeviceTime: 'time zone',
  availableFrom: 'available from',
  deadline: 'installation deadline',
  restartGrace: 'restart grace period',
  deviceLicensing: 'device licensing',
  uninstallOnDeviceRemoval: 'uninstall on device removal',
  removable: 'removable by the user',
  preventManagedAppBackup: 'prevent iCloud app backup',
  preventAutoAppUpdate: 'prevent automatic updates',
  deviceContext: 'install context',
  autoUpdateMode: 'update priority',
};

const VALUE_WORDS: Record<string, string> = {
  showAll: 'show all',
  showReboot: 'restarts only',
  hideAll: 'hide all',
  notConfigured: 'background',
  foreground: 'foreground',
  default: 'default',
  postponed: 'postponed',
  priority: 'high priority',
};

const ON_OFF: Partial<Record<SettingName, [string, string]>> = {
  useDeviceTime: ['device time zone', 'UTC'],
  deviceLicensing: ['on', 'off'],
  deviceContext: ['device', 'user'],
};

function graceWords(grace: RestartGrace): string {
  const snooze = grace.snoozeMinutes === undefined ? '' : `, snooze ${grace.snoozeMinutes} min`;
  return `${grace.gracePeriodMinutes} min (countdown ${grace.countdownMinutes} min${snooze})`;
}

/** One setting's value in plain words, e.g. `hide all`, `2026-12-10 17:00`, `none`. */
export function valueWords(name: SettingName, value: unknown): string {
  if (value === null || value === undefined) {
    return name === 'availableFrom' || name === 'deadline' ? 'as soon as possible' : 'none';
  }
  if (typeof value === 'boolean') {
    const [on, off] = ON_OFF[name] ?? ['yes', 'no'];
    return value ? on : off;
  }
  if (name === 'restartGrace') return graceWords(value as RestartGrace);
  if (name === 'availableFrom' || name === 'deadline') return String(value).replace('T', ' ');
  return VALUE_WORDS[String(value)] ?? String(value);
}

/** The chosen settings in plain words, e.g. `["notifications: hide all"]`, in catalogue order. */
export function describeSettings(settings: AssignmentSettings | undefined): string[] {
  if (settings === undefined) return [];
  return SETTING_NAMES.filter((name) => settings[name] !== undefined).map(
    (name) => `${SETTING_LABELS[name]}: ${valueWords(name, settings[name])}`,
  );
}

/**
 * How the chosen settings change an existing assignment, one part per changed setting, e.g.
 * `notifications: show all -> hide all`; empty when every chosen value is already there.
 */
export function settingsChanges(
  before: AssignmentSettings | undefined,
  chosen: AssignmentSettings | undefined,
): string[] {
  if (chosen === undefined) return [];
  return SETTING_NAMES.filter(
    (name) => chosen[name] !== undefined && !sameValue(chosen[name], before?.[name]),
  ).map(
    (name) =>
      `${SETTING_LABELS[name]}: ${valueWords(name, before?.[name])} -> ${valueWords(name, chosen[name])}`,
  );
}
