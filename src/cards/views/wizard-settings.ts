import {
  AUTO_UPDATE_MODES,
  DELIVERY_PRIORITIES,
  NOTIFICATIONS,
  type AssignmentSettings,
  type SettingName,
} from '../../domain/assignment-settings';
import { RESTART_LIMITS } from '../../domain/settings-rules';
import { SETTING_LABELS, valueWords } from '../../domain/settings-words';
import type { AssignmentRequest } from '../../domain/request';
import type { Choice } from './options';
import type { WizardContext } from './wizard-context';

/** A yes/no setting as an `Input.Toggle`. */
export interface Toggle {
  id: string;
  title: string;
  value: 'true' | 'false';
}

const TOGGLES: SettingName[] = [
  'deviceLicensing',
  'uninstallOnDeviceRemoval',
  'removable',
  'preventManagedAppBackup',
  'preventAutoAppUpdate',
];

const TOGGLE_TITLES: Partial<Record<SettingName, string>> = {
  deviceLicensing: 'Use device licensing (off: the app is licensed to the user)',
  uninstallOnDeviceRemoval: 'Uninstall the app when the device is removed from Intune',
  removable: 'Let the user remove the app',
  preventManagedAppBackup: 'Prevent iCloud backup of the app',
  preventAutoAppUpdate: 'Prevent automatic updates of the app',
};

const NOTIFICATION_TITLES: Record<string, string> = {
  showAll: 'Show all notifications',
  showReboot: 'Show only restart notifications',
  hideAll: 'Hide all notifications',
};

const choices = (name: SettingName, values: readonly string[], titles?: Record<string, string>) =>
  values.map((value): Choice => ({ title: titles?.[value] ?? valueWords(name, value), value }));

const datePart = (value: string | null | undefined) => value?.slice(0, 10) ?? '';
const timePart = (value: string | null | undefined) => value?.slice(11, 16) ?? '';

/** The settings step's model: one input (or two, for a date and time) per offered setting. */
export function settingsStep(draft: AssignmentRequest, ctx: Pick<WizardContext, 'settingsForm'>) {
  const form = ctx.settingsForm;
  const offered = new Set(form?.offered ?? []);
  const v: AssignmentSettings = form?.values ?? {};
  const has = (name: SettingName) => offered.has(name);
  const grace = v.restartGrace ?? undefined;
  const limit = RESTART_LIMITS;
  const note = form?.existing
    ? `${draft.targetName ?? 'This target'} already has an assignment of this app: its settings are shown. Change what should change, or choose Use defaults to keep them.`
    : 'Intune applies its defaults to anything left as it is.';
  return {
    hasNotifications: has('notifications'),
    notifications: v.notifications ?? 'showAll',
    notificationChoices: choices('notifications', NOTIFICATIONS, NOTIFICATION_TITLES),
    hasDelivery: has('deliveryOptimization'),
    deliveryOptimization: v.deliveryOptimization ?? 'notConfigured',
    deliveryChoices: [
      { title: 'Download content in the background', value: 'notConfigured' },
      { title: 'Download content in the foreground', value: 'foreground' },
    ] satisfies (Choice & { value: (typeof DELIVERY_PRIORITIES)[number] })[],
    hasTimeZone: has('useDeviceTime'),
    timeZone: v.useDeviceTime ? 'device' : 'utc',
    hasAvailable: has('availableFrom'),
    availableDate: datePart(v.availableFrom),
    availableTime: timePart(v.availableFrom),
    hasDeadline: has('deadline'),
    deadlineDate: datePart(v.deadline),
    deadlineTime: timePart(v.deadline),
    hasRestart: has('restartGrace'),
    restartGrace: grace ? 'true' : 'false',
    gracePeriod: grace?.gracePeriodMinutes ?? 1440,
    countdown: grace?.countdownMinutes ?? 15,
    snooze: grace?.snoozeMinutes ?? 240,
    graceMin: limit.gracePeriodMinutes.min,
    graceMax: limit.gracePeriodMinutes.max,
    countdownMin: limit.countdownMinutes.min,
    countdownMax: limit.countdownMinutes.max,
    snoozeMin: limit.snoozeMinutes.min,
    snoozeMax: limit.snoozeMinutes.max,
    toggles: TOGGLES.filter(has).map((name): Toggle => ({
      id: name,
      title: TOGGLE_TITLES[name] ?? SETTING_LABELS[name],
      value: v[name] ? 'true' : 'false',
    })),
    hasDeviceContext: has('deviceContext'),
    deviceContext: v.deviceContext ? 'device' : 'user',
    hasAutoUpdate: has('autoUpdateMode'),
    autoUpdateMode: v.autoUpdateMode ?? 'default',
    autoUpdateChoices: choices('autoUpdateMode', AUTO_UPDATE_MODES, {
      default: 'Default',
      postponed: 'Postponed (up to 90 days)',
      priority: 'High priority (as soon as possible)',
    }),
    note,
  };
}
