import type { AppSummary, ConfigPolicySummary } from '../services/ports/intune';

export const typeName = (odataType: unknown): string =>
  String(odataType ?? '').replace(/^#?microsoft\.graph\./, '');

const PLATFORMS: [RegExp, string][] = [
  [/^(ios|managedIOS)/i, 'iOS/iPadOS'],
  [/^(android|managedAndroid)/i, 'Android'],
  [/^macOS/i, 'macOS'],
  [/^webApp$/, 'Web'],
  [/^(win|windows|microsoftStoreForBusiness|officeSuite)/i, 'Windows'],
];

/** A human platform label for a Graph app or policy type. */
export function platformOf(type: string): string {
  return PLATFORMS.find(([pattern]) => pattern.test(type))?.[1] ?? 'Other';
}

/** The properties the catalog asks Graph for (`$select`); `isAssigned` exists only in beta. */
export function appSelect(version: 'beta' | 'v1.0'): string {
  const base = ['id', 'displayName', 'publisher', 'publishingState'];
  return (version === 'beta' ? [...base, 'isAssigned'] : base).join(',');
}

/**
 * One string for each distinct value, for the values a catalog repeats (50,000 apps have a few
 * hundred publishers and a few dozen types): each parsed page would otherwise keep its own copies.
 */
export function stringPool(): (value: string) => string {
  const pool = new Map<string, string>();
  return (value) => {
    const known = pool.get(value);
    if (known !== undefined) return known;
    pool.set(value, value);
    return value;
  };
}

/**
 * Maps a Graph `mobileApp` object to the summary shown in search results and cards; `shared`
 * gives the repeated strings (publisher, type) one copy across a listing.
 */
export function toAppSummary(
  raw: Record<string, unknown>,
  assignmentCount?: number,
  shared: (value: string) => string = (value) => value,
): AppSummary {
  const appType = shared(typeName(raw['@odata.type']));
  return {
    id: String(raw.id),
    name: String(raw.displayName ?? '(unnamed app)'),
    publisher: shared(String(raw.publisher ?? '')),
    appType,
    platform: platformOf(appType),
    published: raw.publishingState === 'published',
    isAssigned: typeof raw.isAssigned === 'boolean' ? raw.isAssigned : undefined,
    assignmentCount,
  };
}

/** Maps a Graph `managedDeviceMobileAppConfiguration` (with expanded assignments) to a summary. */
export function toPolicySummary(raw: Record<string, unknown>): ConfigPolicySummary {
  const policyType = typeName(raw['@odata.type']);
  const assignments = Array.isArray(raw.assignments) ? raw.assignments : [];
  return {
    id: String(raw.id),
    name: String(raw.displayName ?? '(unnamed policy)'),
    policyType,
    // OEMConfig profiles (a device vendor's settings app) are listed, and labelled as such.
    platform: raw.appSupportsOemConfig === true ? 'Android (OEMConfig)' : platformOf(policyType),
    assignmentCount: assignments.length,
  };
}
