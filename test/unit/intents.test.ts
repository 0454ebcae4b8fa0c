import type { Intent, RequestableTarget } from '../../src/domain/assignment';
import { allowedIntents } from '../../src/domain/intents';

const group: RequestableTarget = { kind: 'group', groupId: 'g-1', exclude: false };
const exclusion: RequestableTarget = { kind: 'group', groupId: 'g-1', exclude: true };
const allUsers: RequestableTarget = { kind: 'allUsers' };
const allDevices: RequestableTarget = { kind: 'allDevices' };

const ALL: Intent[] = ['required', 'available', 'uninstall', 'availableWithoutEnrollment'];
const ENROLLED: Intent[] = ['required', 'available', 'uninstall'];

describe('allowedIntents', () => {
  test.each<[string, RequestableTarget, Intent[]]>([
    ['win32LobApp', group, ENROLLED],
    ['win32LobApp', allUsers, ENROLLED],
    ['win32LobApp', allDevices, ['required', 'uninstall']],
    ['officeSuiteApp', group, ENROLLED],
    ['officeSuiteApp', allDevices, ['required', 'uninstall']],
    ['webApp', group, ['required', 'available']],
    ['webApp', allDevices, ['required']],
    ['windowsWebApp', allUsers, ['required', 'available']],
    ['iosStoreApp', group, ALL],
    ['iosStoreApp', allUsers, ALL],
    ['iosStoreApp', allDevices, ['required', 'uninstall']],
    ['androidStoreApp', group, ALL],
    ['androidManagedStoreApp', group, ALL],
    ['androidManagedStoreApp', allDevices, ['required', 'uninstall']],
    ['iosVppApp', group, ENROLLED],
    ['iosLobApp', group, ENROLLED],
    ['macOSDmgApp', allUsers, ENROLLED],
  ])('a %s app targeted at %j allows %j', (appType, target, expected) => {
    expect(allowedIntents(appType, target)).toEqual(expected);
  });

  test.each<[string]>([['win32LobApp'], ['iosStoreApp'], ['webApp'], ['officeSuiteApp']])(
    'an exclusion of a group allows the same intents as an include for a %s app',
    (appType) => {
      expect(allowedIntents(appType, exclusion)).toEqual(allowedIntents(appType, group));
    },
  );

  test.each<[string, RequestableTarget]>([
    ['anUnknownFutureApp', group],
    ['anUnknownFutureApp', allDevices],
    ['webApp', allDevices],
  ])('required is always allowed, even for %s at %j', (appType, target) => {
    expect(allowedIntents(appType, target)).toContain('required');
  });

  test.each<[string, string]>([
    ['#microsoft.graph.iosStoreApp', 'iosStoreApp'],
    ['microsoft.graph.webApp', 'webApp'],
  ])('a namespaced type %s reads as %s', (namespaced, bare) => {
    expect(allowedIntents(namespaced, group)).toEqual(allowedIntents(bare, group));
  });
});
