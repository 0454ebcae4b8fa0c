import type { GroupOption, ItemOption } from '../../src/cards';
import { settingNamesFor } from '../../src/domain/assignment-settings';
import type { AssignmentFilterSummary } from '../../src/services/ports/intune';
import type { SettingsForm } from '../../src/services/settings-step';

export const APPS: ItemOption[] = [
  {
    id: 'app-zoom',
    name: 'Zoom Workplace',
    publisher: 'Zoom Video Communications',
    appType: 'win32LobApp',
    platform: 'Windows',
    published: true,
    assignmentCount: 4,
  },
  {
    id: 'app-slack',
    name: 'Slack',
    publisher: 'Slack Technologies',
    appType: 'iosStoreApp',
    platform: 'iOS/iPadOS',
    published: true,
    isAssigned: false,
  },
];

export const POLICIES: ItemOption[] = [
  {
    id: 'pol-outlook',
    name: 'Outlook settings',
    policyType: 'iosMobileAppConfiguration',
    platform: 'iOS/iPadOS',
    assignmentCount: 1,
  },
];

export const GROUPS: GroupOption[] = [
  { id: 'grp-sales', name: 'Sales', kind: 'security', description: 'All sales staff' },
  { id: 'grp-hr', name: 'HR', kind: 'microsoft365' },
];

export const FILTERS: AssignmentFilterSummary[] = [
  { id: 'flt-corp', name: 'Corporate devices', platform: 'windows10AndLater', rule: '(x)' },
];

/** Settings forms of several app types, with values set and unset. */
export const SETTINGS_FORMS: [string, SettingsForm][] = [
  [
    'a Win32 app with a deadline and a restart grace period',
    {
      offered: settingNamesFor('win32LobApp'),
      existing: true,
      values: {
        notifications: 'hideAll',
        deliveryOptimization: 'foreground',
        useDeviceTime: true,
        availableFrom: '2026-12-10T09:00',
        deadline: '2026-12-12T17:30',
        restartGrace: { gracePeriodMinutes: 1440, countdownMinutes: 15, snoozeMinutes: 240 },
      },
    },
  ],
  [
    'a Win32 app with defaults',
    { offered: settingNamesFor('win32LobApp'), existing: false, values: {} },
  ],
  [
    'an iOS volume-purchased app',
    {
      offered: settingNamesFor('iosVppApp'),
      existing: false,
      values: { deviceLicensing: false, removable: true, uninstallOnDeviceRemoval: true },
    },
  ],
  [
    'a managed Google Play app',
    { offered: ['autoUpdateMode'], existing: false, values: { autoUpdateMode: 'priority' } },
  ],
  [
    'a Microsoft Store for Business app',
    { offered: ['deviceContext'], existing: false, values: { deviceContext: true } },
  ],
];
