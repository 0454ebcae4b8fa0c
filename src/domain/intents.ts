import { INTENTS, type Intent, type RequestableTarget } from './assignment';

/**
 * App types offered "Available with or without enrollment" (a MAM, user-licensed install on
 * unenrolled devices). Intune documents it for iOS/iPadOS and Android store and LOB apps; we take
 * the stricter reading and offer it only for the store apps, where it is certain, so the wizard
 * never proposes an intent that Intune might reject at write time.
 */
const WITHOUT_ENROLLMENT = new Set(['androidStoreApp', 'androidManagedStoreApp', 'iosStoreApp']);

/**
 * App types that take no Uninstall assignment: web links (`webApp`, and the Windows one,
 * `windowsWebApp`) are shortcuts that install nothing an uninstall could remove. Microsoft 365
 * Apps (`officeSuiteApp`) is not in this list: Intune does offer Uninstall for it.
 */
const NO_UNINSTALL = new Set(['webApp', 'windowsWebApp']);

/**
 * Which intents apply, given the app type and whether the target reaches users. Available intents
 * put the app in a user's Company Portal, so they need user targets (a group or All users) and are
 * never offered for All devices. A group may hold users or devices; that cannot be told from the
 * target alone, so groups are treated as user targets and Intune has the last word.
 */
const RULES: Record<Intent, (appType: string, userTarget: boolean) => boolean> = {
  required: () => true,
  available: (_appType, userTarget) => userTarget,
  uninstall: (appType) => !NO_UNINSTALL.has(appType),
  availableWithoutEnrollment: (appType, userTarget) =>
    userTarget && WITHOUT_ENROLLMENT.has(appType),
};

/**
 * The install intents the wizard offers for an app of Graph type `appType` (without namespace,
 * e.g. `win32LobApp`; a leading `#microsoft.graph.` is tolerated) and a target, in the order of
 * {@link INTENTS}. `required` is always allowed. An exclusion gets the same list as an include:
 * Intune records exclusions per intent. Configuration policies have no intent and do not use this.
 */
export function allowedIntents(appType: string, target: RequestableTarget): Intent[] {
  const type = appType.replace(/^#?microsoft\.graph\./, '');
  const userTarget = target.kind !== 'allDevices';
  return INTENTS.filter((intent) => RULES[intent](type, userTarget));
}
