import {
  AUTO_UPDATE_MODES,
  DELIVERY_PRIORITIES,
  NOTIFICATIONS,
  type AssignmentSettings,
  type RestartGrace,
  type SettingName,
} from '../domain/assignment-settings';
import { SETTING_LABELS } from '../domain/settings-words';
import { Refusal } from './result';

/** The settings card's input ids for each setting: what the bot reads from its submitted data. */
export const SETTINGS_FIELDS: Record<SettingName, readonly string[]> = {
  notifications: ['notifications'],
  deliveryOptimization: ['deliveryOptimization'],
  useDeviceTime: ['timeZone'],
  availableFrom: ['availableDate', 'availableTime'],
  deadline: ['deadlineDate', 'deadlineTime'],
  restartGrace: ['restartGrace', 'gracePeriod', 'countdown', 'snooze'],
  deviceLicensing: ['deviceLicensing'],
  uninstallOnDeviceRemoval: ['uninstallOnDeviceRemoval'],
  removable: ['removable'],
  preventManagedAppBackup: ['preventManagedAppBackup'],
  preventAutoAppUpdate: ['preventAutoAppUpdate'],
  deviceContext: ['deviceContext'],
  autoUpdateMode: ['autoUpdateMode'],
};

type Data = Record<string, unknown>;

const invalid = (message: string) => new Refusal('invalid-request', message);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function oneOf<T extends string>(name: SettingName, value: unknown, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw invalid(`${capital(SETTING_LABELS[name])}: choose one of the options.`);
  return found;
}

function yesNo(name: SettingName, value: unknown): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalid(`${capital(SETTING_LABELS[name])} is either on or off.`);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(\d{2}:\d{2})(:\d{2})?$/;

/** `2026-12-10` and `17:00` -> `2026-12-10T17:00`; both empty -> null ("as soon as possible"). */
function dateTime(name: SettingName, date: unknown, time: unknown): string | null {
  const day = typeof date === 'string' ? date.trim() : '';
  const clock = typeof time === 'string' ? time.trim() : '';
  if (typeof date !== 'string' && date !== undefined)
    throw invalid(`Choose the ${SETTING_LABELS[name]} again.`);
  if (day === '' && clock === '') return null;
  if (day === '') throw invalid(`Choose a date for the ${SETTING_LABELS[name]}, not only a time.`);
  const hhmm = clock === '' ? '00:00' : TIME.exec(clock)?.[1];
  if (!DATE.test(day) || hhmm === undefined) {
    throw invalid(`The ${SETTING_LABELS[name]} is not a date and time; choose it again.`);
  }
  return `${day}T${hhmm}`;
}

function minutes(value: unknown, what: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n)) throw invalid(`${what} must be a number of minutes.`);
  return n;
}

function grace(data: Data): RestartGrace | null {
  if (!yesNo('restartGrace', data.restartGrace ?? 'false')) return null;
  const gracePeriodMinutes = minutes(data.gracePeriod, 'The restart grace period');
  const countdownMinutes = minutes(data.countdown, 'The restart countdown');
  const snoozeMinutes = minutes(data.snooze, 'The restart snooze');
  if (gracePeriodMinutes === undefined || countdownMinutes === undefined) {
    throw invalid(
      'With a restart grace period, give the grace period and the countdown in minutes.',
    );
  }
  return {
    gracePeriodMinutes,
    countdownMinutes,
    ...(snoozeMinutes === undefined ? {} : { snoozeMinutes }),
  };
}

const READERS: Record<SettingName, (data: Data) => unknown> = {
  notifications: (d) => oneOf('notifications', d.notifications, NOTIFICATIONS),
  deliveryOptimization: (d) =>
    oneOf('deliveryOptimization', d.deliveryOptimization, DELIVERY_PRIORITIES),
  useDeviceTime: (d) => oneOf('useDeviceTime', d.timeZone, ['utc', 'device']) === 'device',
  availableFrom: (d) => dateTime('availableFrom', d.availableDate, d.availableTime),
  deadline: (d) => dateTime('deadline', d.deadlineDate, d.deadlineTime),
  restartGrace: grace,
  deviceLicensing: (d) => yesNo('deviceLicensing', d.deviceLicensing),
  uninstallOnDeviceRemoval: (d) => yesNo('uninstallOnDeviceRemoval', d.uninstallOnDeviceRemoval),
  removable: (d) => yesNo('removable', d.removable),
  preventManagedAppBackup: (d) => yesNo('preventManagedAppBackup', d.preventManagedAppBackup),
  preventAutoAppUpdate: (d) => yesNo('preventAutoAppUpdate', d.preventAutoAppUpdate),
  deviceContext: (d) => oneOf('deviceContext', d.deviceContext, ['user', 'device']) === 'device',
  autoUpdateMode: (d) => oneOf('autoUpdateMode', d.autoUpdateMode, AUTO_UPDATE_MODES),
};

/**
 * The settings a submitted settings card holds, checked value by value: a setting whose inputs
 * are absent is not chosen, a value outside its options is refused, and an input of a setting
 * the app does not offer (the card never shows one) is refused as forged.
 */
export function readSettingsForm(
  data: Data,
  offered: readonly SettingName[],
  appName: string,
): AssignmentSettings {
  const chosen: Record<string, unknown> = {};
  for (const [name, fields] of Object.entries(SETTINGS_FIELDS) as [SettingName, string[]][]) {
    if (!fields.some((field) => data[field] !== undefined)) continue;
    if (!offered.includes(name)) {
      throw invalid(`${capital(SETTING_LABELS[name])} is not a setting of ${appName}.`);
    }
    chosen[name] = READERS[name](data);
  }
  return chosen as AssignmentSettings;
}
