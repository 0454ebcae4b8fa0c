import type {
  CurrentAssignment,
  RequestableTarget,
  RequestedAssignment,
} from '../../src/domain/assignment';
import {
  defaultSettings,
  differences,
  settingNamesFor,
  type AssignmentSettings,
} from '../../src/domain/assignment-settings';
import { mergeAssignment } from '../../src/domain/merge';
import { isInPlace } from '../../src/domain/shapes';
import { settingsProblem, wallClockMs } from '../../src/domain/settings-rules';
import { describeSettings, settingsChanges } from '../../src/domain/settings-words';

const NOW = new Date('2026-11-23T09:00:00Z');
const SALES: RequestableTarget = { kind: 'group', groupId: 'g-sales', exclude: false };
const problem = (chosen: AssignmentSettings, merged = chosen, intent = 'required' as const) =>
  settingsProblem(chosen, merged, { intent, now: NOW });

describe('the rules of assignment settings', () => {
  test('a deadline must come after the availability', () => {
    const times = { availableFrom: '2026-12-10T09:00', deadline: '2026-12-10T09:00' };
    expect(problem(times)).toBe(
      'The installation deadline must come after the time the app becomes available.',
    );
    expect(problem({ ...times, deadline: '2026-12-10T09:01' })).toBeUndefined();
  });

  test('an availability already in the merged settings bounds a newly chosen deadline', () => {
    const merged = { availableFrom: '2026-12-20T09:00', deadline: '2026-12-10T09:00' };
    expect(problem({ deadline: '2026-12-10T09:00' }, merged)).toMatch(/must come after/);
  });

  test('a date that has passed is refused, one less than 14 hours ago is not (device time zones)', () => {
    expect(problem({ deadline: '2026-11-22T09:00' })).toBe(
      'The installation deadline 2026-11-22 09:00 has already passed; choose a later one.',
    );
    expect(problem({ deadline: '2026-11-23T00:00' })).toBeUndefined();
  });

  test('dates that are not real dates are refused', () => {
    expect(wallClockMs('2026-02-30T09:00')).toBeUndefined();
    expect(wallClockMs('2026-12-10T24:00')).toBeUndefined();
    expect(problem({ deadline: '2026-02-30T09:00' })).toMatch(/is not a date and time/);
  });

  test.each([
    [{ gracePeriodMinutes: 0, countdownMinutes: 1 }, 'grace period must be'],
    [{ gracePeriodMinutes: 20161, countdownMinutes: 1 }, 'grace period must be'],
    [{ gracePeriodMinutes: 60.5, countdownMinutes: 1 }, 'grace period must be'],
    [{ gracePeriodMinutes: 60, countdownMinutes: 241 }, 'countdown must be'],
    [{ gracePeriodMinutes: 60, countdownMinutes: 5, snoozeMinutes: 713 }, 'snooze must be'],
    [{ gracePeriodMinutes: 10, countdownMinutes: 20 }, 'cannot be longer'],
  ])('a restart grace period of %j is refused', (restartGrace, why) => {
    expect(problem({ restartGrace })).toContain(why);
  });

  test('a restart grace period within the ranges is accepted', () => {
    const restartGrace = { gracePeriodMinutes: 20160, countdownMinutes: 240, snoozeMinutes: 712 };
    expect(problem({ restartGrace })).toBeUndefined();
  });

  test('an assignment in device context is not moved back to user context', () => {
    const ctx = { intent: 'required' as const, now: NOW, before: { deviceContext: true } };
    expect(settingsProblem({ deviceContext: false }, {}, ctx)).toMatch(
      /cannot move an assignment from device context back to user context/,
    );
    expect(
      settingsProblem({ deviceContext: true }, {}, { ...ctx, before: { deviceContext: false } }),
    ).toBeUndefined();
  });

  test('an available assignment takes neither a deadline, a grace period nor device context', () => {
    const available = (chosen: AssignmentSettings) =>
      settingsProblem(chosen, chosen, { intent: 'available', now: NOW });
    expect(available({ deadline: '2026-12-10T09:00' })).toMatch(/no installation deadline/);
    expect(available({ restartGrace: { gracePeriodMinutes: 60, countdownMinutes: 5 } })).toMatch(
      /no restart grace period/,
    );
    expect(available({ deviceContext: true })).toMatch(/device context/);
    expect(available({ availableFrom: '2026-12-10T09:00', notifications: 'hideAll' })).toBe(
      undefined,
    );
  });
});

describe('what a request stores and shows of its settings', () => {
  test('only the values that differ from the base are kept; none at all is undefined', () => {
    const base = defaultSettings('win32LobApp', SALES);
    expect(differences({ notifications: 'showAll', deadline: null }, base)).toBeUndefined();
    expect(
      differences({ notifications: 'hideAll', deliveryOptimization: 'notConfigured' }, base),
    ).toEqual({ notifications: 'hideAll' });
  });

  test('defaults cover exactly the settings of the app type; device context follows All devices', () => {
    expect(Object.keys(defaultSettings('androidManagedStoreApp', SALES))).toEqual([
      'autoUpdateMode',
    ]);
    expect(defaultSettings('windowsUniversalAppX', { kind: 'allDevices' })).toEqual({
      deviceContext: true,
    });
    expect(settingNamesFor('webApp')).toEqual([]);
  });

  test('settings read in plain words, and a change names before and after', () => {
    expect(
      describeSettings({
        notifications: 'showReboot',
        deviceLicensing: false,
        restartGrace: { gracePeriodMinutes: 1440, countdownMinutes: 15 },
      }),
    ).toEqual([
      'notifications: restarts only',
      'restart grace period: 1440 min (countdown 15 min)',
      'device licensing: off',
    ]);
    expect(settingsChanges({ notifications: 'hideAll' }, { notifications: 'showAll' })).toEqual([
      'notifications: hide all -> show all',
    ]);
    expect(settingsChanges({ deadline: null }, { deadline: '2026-12-10T17:00' })).toEqual([
      'installation deadline: as soon as possible -> 2026-12-10 17:00',
    ]);
  });
});

describe('the merge with settings', () => {
  const existing = (settings?: AssignmentSettings): CurrentAssignment<{ id: string }> => ({
    target: SALES,
    intent: 'required',
    fromPolicySet: false,
    settings,
    payload: { id: 'asg-1' },
  });
  const requested = (settings?: AssignmentSettings): RequestedAssignment => ({
    target: SALES,
    targetName: 'Sales',
    intent: 'required',
    settings,
  });

  test('a change of settings alone is a ~ change of that assignment', () => {
    const outcome = mergeAssignment(
      [existing({ notifications: 'hideAll' })],
      requested({ notifications: 'showAll' }),
    );
    expect(outcome).toMatchObject({
      kind: 'write',
      diff: [{ kind: 'change', text: '~ Sales: notifications: hide all -> show all' }],
      next: [{ kind: 'change' }],
    });
  });

  test('settings already in place are "already assigned", and no settings chosen never changes any', () => {
    const current = [existing({ notifications: 'hideAll' })];
    expect(mergeAssignment(current, requested({ notifications: 'hideAll' })).kind).toBe(
      'already-assigned',
    );
    expect(mergeAssignment(current, requested()).kind).toBe('already-assigned');
  });

  test('a new assignment names its chosen settings in the diff', () => {
    const outcome = mergeAssignment([], requested({ autoUpdateMode: 'priority' }));
    expect(outcome).toMatchObject({
      diff: [{ text: '+ Sales (required, update priority: high priority)' }],
    });
  });

  test('settings on an exclusion are refused', () => {
    const exclusion: RequestedAssignment = {
      target: { kind: 'group', groupId: 'g-sales', exclude: true },
      targetName: 'Sales',
      settings: { notifications: 'hideAll' },
    };
    expect(mergeAssignment([], exclusion)).toMatchObject({ kind: 'refused' });
  });

  test('the check after a write finds a request in place only with its settings', () => {
    expect(
      isInPlace([existing({ notifications: 'showAll' })], requested({ notifications: 'hideAll' })),
    ).toBe(false);
    expect(
      isInPlace([existing({ notifications: 'hideAll' })], requested({ notifications: 'hideAll' })),
    ).toBe(true);
  });
});
