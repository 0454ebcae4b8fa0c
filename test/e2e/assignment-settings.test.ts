import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { actionsOf, cardText } from '../support/bot-harness';
import { useBot } from '../support/e2e';
import {
  inputIds,
  submitAndApprove,
  toSettings,
  withoutReadOnly,
  writtenAssignments,
} from '../support/settings-walk';

const { apps, groups, filters } = WELL_KNOWN;

describe('assignment settings chosen in the wizard', () => {
  const bot = useBot();
  const assignmentsOf = (appId: string): GraphObject[] =>
    structuredClone(bot().sim.control.tenant().appAssignments.get(appId) ?? []);

  test('a Win32 app required with a deadline in device time and hidden notifications is written with them, and Intune holds them', async () => {
    const h = bot();
    const before = assignmentsOf(apps.win32Unassigned);
    const { wizard, card } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'required',
    });
    expect(cardText(card)).toContain('Assignment settings');
    expect(inputIds(card)).toEqual(
      expect.arrayContaining(['notifications', 'deadlineDate', 'deadlineTime', 'gracePeriod']),
    );
    expect(inputIds(card)).not.toContain('deviceLicensing');

    await wizard.step('wizard.settings', {
      notifications: 'hideAll',
      deliveryOptimization: 'notConfigured',
      timeZone: 'device',
      availableDate: '',
      availableTime: '',
      deadlineDate: '2026-12-10',
      deadlineTime: '17:00',
      restartGrace: 'false',
    });
    const { review, request, thread } = await submitAndApprove(h, wizard);

    expect(cardText(review)).toContain(
      '+ Sales (required, notifications: hide all, time zone: device time zone, installation deadline: 2026-12-10 17:00)',
    );
    const chosen =
      'notifications: hide all; time zone: device time zone; installation deadline: 2026-12-10 17:00';
    expect(cardText(review)).toContain(chosen);
    expect(cardText(thread.rootCard)).toContain(chosen);
    expect(request?.status).toBe('assigned');
    const posted = writtenAssignments(h);
    expect(posted).toHaveLength(before.length + 1);
    const settings = {
      '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
      notifications: 'hideAll',
      deliveryOptimizationPriority: 'notConfigured',
      installTimeSettings: { deadlineDateTime: '2026-12-10T17:00:00Z', useLocalTime: true },
      restartSettings: null,
    };
    expect(posted.at(-1)).toMatchObject({ intent: 'required', settings });
    expect(assignmentsOf(apps.win32Unassigned).at(-1)?.settings).toEqual(settings);
  });

  test('an iOS volume-purchase app with device licensing off keeps the existing assignment verbatim', async () => {
    const h = bot();
    const before = assignmentsOf(apps.iosVpp);
    const { wizard, card } = await toSettings(h, {
      itemId: apps.iosVpp,
      groupId: groups.sales,
      intent: 'required',
    });
    expect(inputIds(card)).toEqual(
      expect.arrayContaining(['deviceLicensing', 'removable', 'preventAutoAppUpdate']),
    );

    await wizard.step('wizard.settings', {
      deviceLicensing: 'false',
      uninstallOnDeviceRemoval: 'true',
      removable: 'true',
      preventManagedAppBackup: 'false',
      preventAutoAppUpdate: 'false',
    });
    const { review } = await submitAndApprove(h, wizard);

    expect(cardText(review)).toContain('+ Sales (required, device licensing: off)');
    const posted = writtenAssignments(h);
    expect(posted.slice(0, before.length)).toEqual(before.map(withoutReadOnly));
    expect(posted.at(-1)?.settings).toEqual({
      '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
      useDeviceLicensing: false,
      vpnConfigurationId: null,
    });
    expect(assignmentsOf(apps.iosVpp).at(-1)?.settings).toMatchObject({
      useDeviceLicensing: false,
    });
  });

  test('a managed Google Play app gets the high update priority', async () => {
    const h = bot();
    const { wizard, card } = await toSettings(h, {
      itemId: apps.androidManagedStore,
      groupId: groups.sales,
      intent: 'required',
    });
    expect(inputIds(card)).toEqual(['autoUpdateMode']);

    await wizard.step('wizard.settings', { autoUpdateMode: 'priority' });
    const { review } = await submitAndApprove(h, wizard);

    expect(cardText(review)).toContain('+ Sales (required, update priority: high priority)');
    expect(writtenAssignments(h).at(-1)?.settings).toEqual({
      '@odata.type': '#microsoft.graph.androidManagedStoreAppAssignmentSettings',
      androidManagedStoreAppTrackIds: [],
      autoUpdateMode: 'priority',
    });
  });

  test("changing an existing assignment's notifications shows ~ and writes only that change", async () => {
    const h = bot();
    const before = assignmentsOf(apps.win32);
    const marketing = before.findIndex(
      (a) => (a.target as { groupId?: string }).groupId === groups.marketing,
    );
    const { wizard, card } = await toSettings(h, {
      itemId: apps.win32,
      groupId: groups.marketing,
      intent: 'required',
      filterId: filters.windowsCorporate,
    });
    expect(cardText(card)).toContain('Marketing already has an assignment of this app');

    await wizard.step('wizard.settings', { notifications: 'hideAll' });
    const { review } = await submitAndApprove(h, wizard);

    expect(cardText(review)).toContain('~ Marketing: notifications: show all -> hide all');
    const posted = writtenAssignments(h);
    const expected = before.map(withoutReadOnly);
    const changed = expected[marketing]!;
    expected[marketing] = {
      ...changed,
      settings: { ...(changed.settings as object), notifications: 'hideAll' },
    };
    expect(posted).toEqual(expected);
    expect(assignmentsOf(apps.win32)[marketing]?.settings).toMatchObject({
      notifications: 'hideAll',
      deliveryOptimizationPriority: 'notConfigured',
    });
  });

  test('"Use defaults" sends the body the bot has always sent', async () => {
    const h = bot();
    const before = assignmentsOf(apps.win32Unassigned);
    const { wizard, card } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'required',
    });
    expect(actionsOf(card).map((a) => a.title)).toContain('Use defaults');

    await wizard.step('wizard.defaults');
    const { review, request } = await submitAndApprove(h, wizard);

    expect(cardText(review)).toContain('+ Sales (required)');
    expect(cardText(review)).not.toContain('Settings');
    expect(request?.settings).toBeUndefined();
    expect(writtenAssignments(h)).toEqual([
      ...before.map(withoutReadOnly),
      {
        '@odata.type': '#microsoft.graph.mobileAppAssignment',
        intent: 'required',
        target: {
          '@odata.type': '#microsoft.graph.groupAssignmentTarget',
          groupId: groups.sales,
          deviceAndAppManagementAssignmentFilterId: null,
          deviceAndAppManagementAssignmentFilterType: 'none',
        },
        settings: {
          '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
          notifications: 'showAll',
          deliveryOptimizationPriority: 'notConfigured',
          installTimeSettings: null,
          restartSettings: null,
        },
      },
    ]);
  });

  test('an exclusion has no settings step: the intent leads to the justification', async () => {
    const h = bot();
    const { card } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'required',
      exclude: true,
    });
    expect(cardText(card)).toContain('Why is it needed?');
    expect(cardText(card)).toContain('step 5 of 6');
  });
});
