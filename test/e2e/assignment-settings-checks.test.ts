import { WELL_KNOWN } from '../../src/simulator/seed';
import { cardText } from '../support/bot-harness';
import { appliedWrites, useBot } from '../support/e2e';
import {
  inputIds,
  submitAndApprove,
  toSettings,
  writtenAssignments,
} from '../support/settings-walk';

const { apps, groups } = WELL_KNOWN;

describe('settings that cannot be requested', () => {
  const bot = useBot();

  test.each([
    [
      'a deadline before the availability',
      {
        availableDate: '2026-12-12',
        availableTime: '09:00',
        deadlineDate: '2026-12-10',
        deadlineTime: '09:00',
      },
      'The installation deadline must come after the time the app becomes available.',
    ],
    [
      'a deadline that has passed',
      { deadlineDate: '2025-01-10', deadlineTime: '09:00' },
      'The installation deadline 2025-01-10 09:00 has already passed; choose a later one.',
    ],
    [
      'a grace period beyond two weeks',
      { restartGrace: 'true', gracePeriod: '99999', countdown: '15' },
      'The restart grace period must be a whole number of minutes from 1 to 20160.',
    ],
    [
      'a countdown longer than the grace period',
      { restartGrace: 'true', gracePeriod: '10', countdown: '30' },
      'The restart countdown cannot be longer than the restart grace period.',
    ],
    [
      'a forged notifications value',
      { notifications: 'loud' },
      'Notifications: choose one of the options.',
    ],
    [
      'a setting the app does not have',
      { deviceLicensing: 'false' },
      'Device licensing is not a setting of Notepad++.',
    ],
    [
      'a time without a date',
      { deadlineDate: '', deadlineTime: '17:00' },
      'Choose a date for the installation deadline, not only a time.',
    ],
  ])('%s is refused on the card with the reason, and nothing changes', async (_what, data, why) => {
    const h = bot();
    const { wizard } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'required',
    });
    const draft = await h.app.store.get(wizard.draftId);

    const card = await wizard.step('wizard.settings', data);

    expect(cardText(card)).toContain(why);
    expect(cardText(card)).toContain('Assignment settings');
    expect(await h.app.store.get(wizard.draftId)).toEqual(draft);
    expect(appliedWrites(h)).toEqual([]);
  });

  test('an available assignment takes no installation deadline', async () => {
    const h = bot();
    const { wizard } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'available',
    });
    const card = await wizard.step('wizard.settings', {
      deadlineDate: '2026-12-10',
      deadlineTime: '17:00',
    });
    expect(cardText(card)).toContain('it has no installation deadline');
  });
});

describe('the settings step in the flow of the wizard', () => {
  const bot = useBot();

  test('answering the justification at the settings step keeps the defaults', async () => {
    const h = bot();
    const { wizard } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'required',
    });
    const review = await wizard.step('wizard.justification', { justification: 'Needed.' });
    expect(cardText(review)).toContain('+ Sales (required)');
    expect((await h.app.store.get(wizard.draftId))?.settings).toBeUndefined();
  });

  test('Back from the justification shows the settings as chosen; a submit from there is refused', async () => {
    const h = bot();
    const { wizard } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'required',
    });
    await wizard.step('wizard.settings', { notifications: 'showReboot' });
    const back = await wizard.step('wizard.back');

    expect(cardText(back)).toContain('Assignment settings');
    expect(cardText(back)).toContain('notifications: restarts only');
    const forged = await wizard.step('wizard.submit');
    expect(cardText(forged)).toContain('Choose the assignment settings first.');
    expect(appliedWrites(h)).toEqual([]);
  });
});

describe('assignment settings with GRAPH_INTUNE_VERSION=v1.0', () => {
  const bot = useBot(() => ({ env: { GRAPH_INTUNE_VERSION: 'v1.0' } }));

  test('a volume-purchase app offers device licensing only, and a forged beta-only setting is refused', async () => {
    const h = bot();
    // An app without assignments: v1.0 cannot re-post the beta-only settings of existing ones.
    const tenant = h.sim.control.tenant();
    const unassigned = tenant.apps.find(
      (a) =>
        a['@odata.type'] === '#microsoft.graph.iosVppApp' &&
        a.publishingState === 'published' &&
        (tenant.appAssignments.get(a.id)?.length ?? 0) === 0,
    );
    const { wizard, card } = await toSettings(h, {
      itemId: String(unassigned?.id),
      groupId: groups.sales,
      intent: 'required',
    });
    expect(inputIds(card)).toEqual(['deviceLicensing']);
    const draft = await h.app.store.get(wizard.draftId);

    const refused = await wizard.step('wizard.settings', {
      deviceLicensing: 'true',
      removable: 'false',
    });

    expect(cardText(refused)).toContain('Removable by the user is not a setting of');
    expect(await h.app.store.get(wizard.draftId)).toEqual(draft);
  });

  test('a Win32 deadline is written in a v1.0 body that the official v1.0 schema accepts', async () => {
    const h = bot();
    const { wizard } = await toSettings(h, {
      itemId: apps.win32Unassigned,
      groupId: groups.sales,
      intent: 'required',
    });
    await wizard.step('wizard.settings', {
      timeZone: 'utc',
      deadlineDate: '2026-12-10',
      deadlineTime: '17:00',
      restartGrace: 'true',
      gracePeriod: '120',
      countdown: '10',
      snooze: '',
    });
    await submitAndApprove(h, wizard);

    expect(appliedWrites(h)[0]?.version).toBe('v1.0');
    expect(writtenAssignments(h).at(-1)?.settings).toMatchObject({
      installTimeSettings: { deadlineDateTime: '2026-12-10T17:00:00Z', useLocalTime: false },
      restartSettings: {
        gracePeriodInMinutes: 120,
        countdownDisplayBeforeRestartInMinutes: 10,
        restartNotificationSnoozeDurationInMinutes: null,
      },
    });
  });
});
