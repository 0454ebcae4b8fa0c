import type { RequestableTarget } from '../../src/domain/assignment';
import {
  defaultSettings,
  SETTINGS_BY_APP_TYPE,
  type AssignmentSettings,
  type SettingName,
} from '../../src/domain/assignment-settings';
import { newAssignmentSettings } from '../../src/graph/assignment-settings';
import type { GraphVersion } from '../../src/graph/graph-http';
import { readSettings } from '../../src/graph/settings-mapping';
import { offeredSettings } from '../../src/graph/settings-schema';
import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';

const SALES: RequestableTarget = {
  kind: 'group',
  groupId: 'b2b2b2b2-0000-0000-0000-000000000002',
  exclude: false,
};

/** A value for every setting that differs from the defaults. */
const CHANGED: Required<AssignmentSettings> = {
  notifications: 'hideAll',
  deliveryOptimization: 'foreground',
  availableFrom: '2026-12-10T09:00',
  deadline: '2026-12-12T17:00',
  useDeviceTime: true,
  restartGrace: { gracePeriodMinutes: 1440, countdownMinutes: 15, snoozeMinutes: 240 },
  deviceLicensing: false,
  uninstallOnDeviceRemoval: false,
  removable: false,
  preventManagedAppBackup: true,
  preventAutoAppUpdate: true,
  deviceContext: true,
  autoUpdateMode: 'priority',
};

const only = (names: readonly SettingName[]): AssignmentSettings =>
  Object.fromEntries(names.map((n) => [n, CHANGED[n]])) as AssignmentSettings;

function body(settings: unknown) {
  return {
    mobileAppAssignments: [
      {
        '@odata.type': '#microsoft.graph.mobileAppAssignment',
        intent: 'required',
        target: {
          '@odata.type': '#microsoft.graph.groupAssignmentTarget',
          groupId: SALES.kind === 'group' ? SALES.groupId : '',
        },
        settings,
      },
    ],
  };
}

const CASES = (['beta', 'v1.0'] as GraphVersion[]).flatMap((version) =>
  Object.keys(SETTINGS_BY_APP_TYPE)
    .filter((appType) => offeredSettings(appType, version).length > 0)
    .map((appType) => [version, appType] as const),
);

describe('assignment settings in Graph', () => {
  test('v1.0 offers no beta-only setting: VPP device licensing only, nothing for Managed Google Play', () => {
    expect(offeredSettings('iosVppApp', 'v1.0')).toEqual(['deviceLicensing']);
    expect(offeredSettings('iosVppApp', 'beta')).toEqual([
      'deviceLicensing',
      'uninstallOnDeviceRemoval',
      'removable',
      'preventManagedAppBackup',
      'preventAutoAppUpdate',
    ]);
    expect(offeredSettings('androidManagedStoreApp', 'v1.0')).toEqual([]);
    expect(offeredSettings('iosStoreApp', 'v1.0')).toEqual([
      'uninstallOnDeviceRemoval',
      'removable',
    ]);
    expect(offeredSettings('winGetApp', 'beta')).not.toContain('availableFrom');
  });

  test.each(CASES)(
    'in %s, a new %s assignment with every offered setting changed is schema-valid and reads back as chosen',
    (version, appType) => {
      const offered = offeredSettings(appType, version);
      const chosen = only(offered);
      const settings = newAssignmentSettings(appType, SALES, version, chosen);
      const result = validateAgainstGraphSchema(
        version,
        'mobileApp_assign_request',
        body(settings),
      );
      expect(result.errors).toEqual([]);
      expect(readSettings(settings, SALES)).toEqual({
        ...defaultSettings(appType, SALES),
        ...chosen,
      });
    },
  );

  test('a new assignment of a Windows AppX type carries the settings type Graph defines', () => {
    const settings = newAssignmentSettings('windowsUniversalAppX', { kind: 'allDevices' }, 'v1.0');
    expect(settings).toEqual({
      '@odata.type': '#microsoft.graph.windowsUniversalAppXAppAssignmentSettings',
      useDeviceContext: true,
    });
    const result = validateAgainstGraphSchema('v1.0', 'mobileApp_assign_request', body(settings));
    expect(result.errors).toEqual([]);
  });
});
