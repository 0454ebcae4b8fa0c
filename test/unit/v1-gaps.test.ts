import { v1Gaps } from '../../src/graph/v1-gaps';

const groupTarget = (filter?: { id: string; type: string }) => ({
  '@odata.type': '#microsoft.graph.groupAssignmentTarget',
  groupId: '67052cda-1180-473e-8764-7833a22352e3',
  deviceAndAppManagementAssignmentFilterId: filter?.id ?? null,
  deviceAndAppManagementAssignmentFilterType: filter?.type ?? 'none',
});

const appAssignment = (settings: object | null, target = groupTarget()) => ({
  '@odata.type': '#microsoft.graph.mobileAppAssignment',
  id: 'x_1_0',
  intent: 'required',
  source: 'direct',
  sourceId: null,
  target,
  settings,
});

describe('what a v1.0 write could not carry of an assignment read in beta', () => {
  test('a Win32 assignment without a filter loses nothing', () => {
    const settings = {
      '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
      notifications: 'showAll',
      deliveryOptimizationPriority: 'notConfigured',
      installTimeSettings: null,
      restartSettings: null,
      autoUpdateSettings: null,
    };
    expect(v1Gaps(appAssignment(settings), 'app')).toEqual([]);
  });

  test('an assignment filter on the target is named', () => {
    const target = groupTarget({ id: 'be136b91-ab10-4901-9702-a51d3ae50975', type: 'include' });
    expect(v1Gaps(appAssignment(null, target), 'app')).toEqual([
      'target.deviceAndAppManagementAssignmentFilterId',
      'target.deviceAndAppManagementAssignmentFilterType',
    ]);
  });

  test('the iOS VPP settings only beta has are named, even when false', () => {
    const settings = {
      '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
      useDeviceLicensing: true,
      vpnConfigurationId: null,
      uninstallOnDeviceRemoval: false,
      isRemovable: true,
      preventManagedAppBackup: false,
      preventAutoAppUpdate: null,
    };
    expect(v1Gaps(appAssignment(settings), 'app')).toEqual([
      'settings.uninstallOnDeviceRemoval',
      'settings.isRemovable',
      'settings.preventManagedAppBackup',
    ]);
  });

  test('a settings type v1.0 does not have at all is named as a whole', () => {
    const settings = {
      '@odata.type': '#microsoft.graph.winGetAppAssignmentSettings',
      notifications: 'showAll',
    };
    expect(v1Gaps(appAssignment(settings), 'app')).toEqual([
      'settings (winGetAppAssignmentSettings)',
    ]);
  });

  test('a configuration policy assignment with a filter names it', () => {
    const target = groupTarget({ id: 'd70fd405-23e3-4b16-995f-9f2eec57f619', type: 'exclude' });
    const assignment = {
      '@odata.type': '#microsoft.graph.managedDeviceMobileAppConfigurationAssignment',
      id: 'p_x',
      target,
    };
    expect(v1Gaps(assignment, 'configPolicy')).toHaveLength(2);
    expect(v1Gaps({ ...assignment, target: groupTarget() }, 'configPolicy')).toEqual([]);
  });
});
