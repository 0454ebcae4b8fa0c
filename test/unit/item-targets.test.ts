import type { RequestableTarget } from '../../src/domain/assignment';
import { hasIntentStep, kindRules, targetRefusal } from '../../src/domain/item-targets';
import { ITEM_KINDS, isItemKind } from '../../src/domain/request';

const group: RequestableTarget = { kind: 'group', groupId: 'g', exclude: false };
const exclusion: RequestableTarget = { kind: 'group', groupId: 'g', exclude: true };

describe('what each item kind may be assigned to', () => {
  test('apps and managed device policies take groups, All users and All devices', () => {
    for (const kind of ['app', 'configPolicy'] as const) {
      for (const target of [group, exclusion, { kind: 'allUsers' }, { kind: 'allDevices' }]) {
        expect(targetRefusal(kind, target as RequestableTarget)).toBeUndefined();
      }
    }
  });

  test('managed-apps policies take included and excluded groups and refuse All users and All devices by name', () => {
    expect(targetRefusal('managedAppConfig', group)).toBeUndefined();
    expect(targetRefusal('managedAppConfig', exclusion)).toBeUndefined();
    expect(targetRefusal('managedAppConfig', { kind: 'allDevices' })).toBe(
      'App configuration policies for managed apps are assigned to groups only, not to All devices; choose a group.',
    );
    expect(targetRefusal('managedAppConfig', { kind: 'allUsers' })).toMatch(/not to All users/);
  });

  test('only apps take an intent, and only managed-apps policies skip the intent-and-filter step', () => {
    expect(ITEM_KINDS.filter((k) => kindRules(k).intent)).toEqual(['app']);
    expect(ITEM_KINDS.filter((k) => !hasIntentStep(k))).toEqual(['managedAppConfig']);
  });

  test('card data naming any other kind is not a kind', () => {
    expect(ITEM_KINDS.every(isItemKind)).toBe(true);
    for (const value of ['deviceConfiguration', '', undefined, 'App', 42]) {
      expect(isItemKind(value)).toBe(false);
    }
  });
});
