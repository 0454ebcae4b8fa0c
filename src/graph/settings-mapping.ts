import {
  defaultSettings,
  pick,
  settingNamesFor,
  type AssignmentSettings,
  type RestartGrace,
  type SettingName,
} from '../domain/assignment-settings';
import type { RequestableTarget } from '../domain/assignment';

/**
 * Assignment settings between the domain's record and Graph's `*AppAssignmentSettings` objects.
 * Writing changes only the properties of the chosen settings: everything else in the object,
 * known to the bot or not, is kept verbatim.
 */

type GraphSettings = Record<string, unknown>;

/** Graph's settings type of each app type (Graph spells the AppX ones `...AppXApp...`). */
const SETTINGS_TYPES: Record<string, string> = {
  win32LobApp: 'win32LobAppAssignmentSettings',
  win32CatalogApp: 'win32CatalogAppAssignmentSettings',
  winGetApp: 'winGetAppAssignmentSettings',
  iosVppApp: 'iosVppAppAssignmentSettings',
  macOsVppApp: 'macOsVppAppAssignmentSettings',
  iosLobApp: 'iosLobAppAssignmentSettings',
  iosStoreApp: 'iosStoreAppAssignmentSettings',
  macOSLobApp: 'macOsLobAppAssignmentSettings',
  microsoftStoreForBusinessApp: 'microsoftStoreForBusinessAppAssignmentSettings',
  windowsUniversalAppX: 'windowsUniversalAppXAppAssignmentSettings',
  windowsAppX: 'windowsAppXAppAssignmentSettings',
  androidManagedStoreApp: 'androidManagedStoreAppAssignmentSettings',
};

const APP_TYPE_OF = new Map(Object.entries(SETTINGS_TYPES).map(([app, type]) => [type, app]));

export const bare = (odataType: unknown) =>
  String(odataType ?? '').replace(/^#?microsoft\.graph\./, '');

/** `win32LobAppAssignmentSettings` for `win32LobApp`; undefined for a type without settings. */
export function settingsTypeOf(appType: string): string | undefined {
  return SETTINGS_TYPES[bare(appType)];
}

const TIMES = 'installTimeSettings';
const RESTART = 'restartSettings';
const FLAT: Partial<Record<SettingName, string>> = {
  notifications: 'notifications',
  deliveryOptimization: 'deliveryOptimizationPriority',
  deviceLicensing: 'useDeviceLicensing',
  uninstallOnDeviceRemoval: 'uninstallOnDeviceRemoval',
  removable: 'isRemovable',
  preventManagedAppBackup: 'preventManagedAppBackup',
  preventAutoAppUpdate: 'preventAutoAppUpdate',
  deviceContext: 'useDeviceContext',
  autoUpdateMode: 'autoUpdateMode',
};
const TIME_PROPS = {
  availableFrom: 'startDateTime',
  deadline: 'deadlineDateTime',
  useDeviceTime: 'useLocalTime',
} as const;
const GRACE = {
  gracePeriodMinutes: 'gracePeriodInMinutes',
  countdownMinutes: 'countdownDisplayBeforeRestartInMinutes',
  snoozeMinutes: 'restartNotificationSnoozeDurationInMinutes',
} as const;

/** The Graph property paths each setting writes (the schema check reads them too). */
export const SETTING_PATHS: Record<SettingName, string[][]> = {
  ...(Object.fromEntries(Object.entries(FLAT).map(([name, prop]) => [name, [[prop]]])) as Record<
    SettingName,
    string[][]
  >),
  availableFrom: [[TIMES, TIME_PROPS.availableFrom]],
  deadline: [[TIMES, TIME_PROPS.deadline]],
  useDeviceTime: [[TIMES, TIME_PROPS.useDeviceTime]],
  restartGrace: [
    [RESTART, GRACE.gracePeriodMinutes],
    [RESTART, GRACE.countdownMinutes],
  ],
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `2026-12-10T17:00:00Z` -> `2026-12-10T17:00`. */
const wallClock = (value: unknown) => (typeof value === 'string' ? value.slice(0, 16) : null);

function readGrace(raw: unknown): RestartGrace | null {
  if (!isRecord(raw)) return null;
  const snooze = raw[GRACE.snoozeMinutes];
  return {
    gracePeriodMinutes: Number(raw[GRACE.gracePeriodMinutes]),
    countdownMinutes: Number(raw[GRACE.countdownMinutes]),
    ...(typeof snooze === 'number' ? { snoozeMinutes: snooze } : {}),
  };
}

/**
 * An assignment's settings as read, in the domain's terms: what Graph reports over the defaults
 * of the app type (an unset value is what Intune does without one). Undefined for settings of a
 * type the bot does not know, or none.
 */
export function readSettings(
  raw: unknown,
  target: RequestableTarget | undefined,
): AssignmentSettings | undefined {
  if (!isRecord(raw) || target === undefined) return undefined;
  const appType = APP_TYPE_OF.get(bare(raw['@odata.type']));
  if (appType === undefined) return undefined;
  const read: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(FLAT)) {
    if (raw[prop] !== undefined && raw[prop] !== null) read[name] = raw[prop];
  }
  const times = raw[TIMES];
  if (isRecord(times)) {
    read.availableFrom = wallClock(times[TIME_PROPS.availableFrom]);
    read.deadline = wallClock(times[TIME_PROPS.deadline]);
    read.useDeviceTime = times[TIME_PROPS.useDeviceTime] === true;
  }
  if (raw[RESTART] !== undefined) read.restartGrace = readGrace(raw[RESTART]);
  const all = { ...defaultSettings(appType, target), ...read };
  return pick(all, settingNamesFor(appType));
}

function timesWith(base: unknown, chosen: AssignmentSettings): GraphSettings | null {
  const times: GraphSettings = isRecord(base) ? { ...base } : {};
  const when = (value: string | null | undefined) =>
    value === null || value === undefined ? null : `${value}:00Z`;
  if (chosen.availableFrom !== undefined) {
    times[TIME_PROPS.availableFrom] = when(chosen.availableFrom);
  }
  if (chosen.deadline !== undefined) times[TIME_PROPS.deadline] = when(chosen.deadline);
  if (chosen.useDeviceTime !== undefined) times[TIME_PROPS.useDeviceTime] = chosen.useDeviceTime;
  const hasTime = [TIME_PROPS.availableFrom, TIME_PROPS.deadline].some((p) => times[p]);
  if (!hasTime) return null;
  const local = times[TIME_PROPS.useDeviceTime];
  return { ...times, [TIME_PROPS.useDeviceTime]: local === true };
}

function graceWith(grace: RestartGrace | null): GraphSettings | null {
  if (grace === null) return null;
  return {
    [GRACE.gracePeriodMinutes]: grace.gracePeriodMinutes,
    [GRACE.countdownMinutes]: grace.countdownMinutes,
    [GRACE.snoozeMinutes]: grace.snoozeMinutes ?? null,
  };
}

/**
 * `base` (a new assignment's default settings object, or an existing one's as read) with the
 * chosen settings written in; every other property is kept as it is.
 */
export function withSettings(base: GraphSettings, chosen: AssignmentSettings): GraphSettings {
  const out: GraphSettings = { ...base };
  for (const [name, prop] of Object.entries(FLAT)) {
    const value = chosen[name as SettingName];
    if (value !== undefined) out[prop] = value;
  }
  const timed = ['availableFrom', 'deadline', 'useDeviceTime'] as const;
  if (timed.some((name) => chosen[name] !== undefined)) out[TIMES] = timesWith(base[TIMES], chosen);
  if (chosen.restartGrace !== undefined) out[RESTART] = graceWith(chosen.restartGrace);
  return out;
}
