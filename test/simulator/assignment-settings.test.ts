import { TINY } from '../fixtures/tiny-tenant';
import { appAssignment, appPath, get, groupTarget, post, useTinySimulator } from './sim-client';

const sim = useTinySimulator();

const VPP_SETTINGS = {
  '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
  useDeviceLicensing: false,
  vpnConfigurationId: null,
  isRemovable: false,
  uninstallOnDeviceRemoval: true,
  preventManagedAppBackup: true,
  preventAutoAppUpdate: true,
};

const WIN32_TIMED = {
  '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
  notifications: 'hideAll',
  deliveryOptimizationPriority: 'foreground',
  installTimeSettings: {
    startDateTime: '2026-12-10T09:00:00Z',
    deadlineDateTime: '2026-12-12T17:00:00Z',
    useLocalTime: true,
  },
  restartSettings: {
    gracePeriodInMinutes: 1440,
    countdownDisplayBeforeRestartInMinutes: 15,
    restartNotificationSnoozeDurationInMinutes: null,
  },
};

async function assignOne(appId: string, settings: object) {
  const body = {
    mobileAppAssignments: [appAssignment(groupTarget(TINY.groups.sales), 'required', settings)],
  };
  const res = await post(sim(), appPath('beta', appId, '/assign'), body);
  expect(res.status).toBe(204);
}

const settingsIn = async (version: 'beta' | 'v1.0', appId: string) =>
  (await get(sim(), appPath(version, appId, '/assignments'))).body.value?.[0]?.settings;

describe('assignment settings in the simulated tenant', () => {
  it('keeps the settings a beta write sets, and v1.0 reads them without the beta-only ones', async () => {
    await assignOne(TINY.apps.iosVpp, VPP_SETTINGS);

    expect(await settingsIn('beta', TINY.apps.iosVpp)).toEqual(VPP_SETTINGS);
    expect(await settingsIn('v1.0', TINY.apps.iosVpp)).toEqual({
      '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
      useDeviceLicensing: false,
      vpnConfigurationId: null,
    });
  });

  it('keeps install times and restart settings, which v1.0 has too', async () => {
    await assignOne(TINY.apps.win32, WIN32_TIMED);

    expect(await settingsIn('beta', TINY.apps.win32)).toEqual(WIN32_TIMED);
    expect(await settingsIn('v1.0', TINY.apps.win32)).toEqual(WIN32_TIMED);
  });

  it('refuses beta-only settings in a v1.0 write against the v1.0 schema', async () => {
    const body = {
      mobileAppAssignments: [
        appAssignment(groupTarget(TINY.groups.sales), 'required', VPP_SETTINGS),
      ],
    };
    const res = await post(sim(), appPath('v1.0', TINY.apps.iosVpp, '/assign'), body);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/must NOT have additional properties 'isRemovable'/);
  });
});
