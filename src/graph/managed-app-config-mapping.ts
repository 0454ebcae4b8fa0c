import type { ManagedAppConfigSummary } from '../services/ports/intune';

/** The Graph collection of app configuration policies for managed apps. */
export const MANAGED_APP_CONFIGS = '/deviceAppManagement/targetedManagedAppConfigurations';

/** The policy type shown for them (they have no subtypes, unlike managed device policies). */
export const MANAGED_APP_CONFIG_TYPE = 'targetedManagedAppConfiguration';

const APP_PLATFORMS: [RegExp, string][] = [
  [/iosMobileAppIdentifier$/, 'iOS/iPadOS'],
  [/androidMobileAppIdentifier$/, 'Android'],
  [/windowsAppIdentifier$/, 'Windows'],
];

/**
 * The platforms of the apps a policy configures (from its expanded `apps`, each with a
 * `mobileAppIdentifier`), e.g. `iOS/iPadOS, Android`; `Managed apps` when none is known.
 */
function platformsOf(apps: unknown): string {
  const found = new Set<string>();
  for (const app of Array.isArray(apps) ? apps : []) {
    const type = String(
      (app as { mobileAppIdentifier?: Record<string, unknown> })?.mobileAppIdentifier?.[
        '@odata.type'
      ] ?? '',
    );
    const platform = APP_PLATFORMS.find(([pattern]) => pattern.test(type))?.[1];
    if (platform) found.add(platform);
  }
  return found.size === 0 ? 'Managed apps' : [...found].join(', ');
}

/**
 * Maps a Graph `targetedManagedAppConfiguration` (with `apps` and `assignments` expanded) to the
 * summary shown in search results and cards.
 */
export function toManagedAppConfigSummary(raw: Record<string, unknown>): ManagedAppConfigSummary {
  const assignments = Array.isArray(raw.assignments) ? raw.assignments : [];
  return {
    id: String(raw.id),
    name: String(raw.displayName ?? '(unnamed policy)'),
    policyType: MANAGED_APP_CONFIG_TYPE,
    platform: platformsOf(raw.apps),
    assignmentCount: assignments.length,
  };
}
