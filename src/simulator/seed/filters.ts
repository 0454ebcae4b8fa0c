import type { GraphObject } from '../tenant-data';
import type { AppType } from './app-catalog';
import type { Rng } from './random';
import { KIOSK_FILTER_ID, WELL_KNOWN } from './well-known';

/** The device platforms assignment filters are written for. */
export type FilterPlatform = 'windows10AndLater' | 'iOS' | 'androidForWork' | 'macOS';

const CORPORATE = '(device.deviceOwnership -eq "Corporate")';
const PERSONAL = '(device.deviceOwnership -eq "Personal")';

type FilterSpec = [id: string | null, name: string, platform: FilterPlatform, rule: string];

const SPECS: FilterSpec[] = [
  [
    WELL_KNOWN.filters.windowsCorporate,
    'Windows - Corporate devices',
    'windows10AndLater',
    CORPORATE,
  ],
  [WELL_KNOWN.filters.iosCorporate, 'iOS - Corporate devices', 'iOS', CORPORATE],
  [
    WELL_KNOWN.filters.androidCorporate,
    'Android Enterprise - Corporate devices',
    'androidForWork',
    CORPORATE,
  ],
  [
    KIOSK_FILTER_ID,
    'Windows - Shared and kiosk devices',
    'windows10AndLater',
    '(device.enrollmentProfileName -startsWith "Kiosk") or (device.deviceName -startsWith "KSK-")',
  ],
  [null, 'Windows - Personal devices', 'windows10AndLater', PERSONAL],
  [null, 'Windows 11 devices', 'windows10AndLater', '(device.osVersion -startsWith "10.0.22")'],
  [null, 'Windows 365 Cloud PCs', 'windows10AndLater', '(device.model -startsWith "Cloud PC")'],
  [null, 'iOS - iPads only', 'iOS', '(device.model -startsWith "iPad")'],
  [null, 'iOS - Personal devices', 'iOS', PERSONAL],
  [
    null,
    'Android Enterprise - Dedicated devices',
    'androidForWork',
    '(device.enrollmentProfileName -contains "Dedicated")',
  ],
  [null, 'macOS - Corporate devices', 'macOS', CORPORATE],
  [null, 'macOS 14 and later', 'macOS', '(device.osVersion -ge "14.0")'],
];

/** The tenant's `deviceAndAppManagementAssignmentFilter` objects (beta), in a fixed order. */
export function createFilters(rng: Rng): GraphObject[] {
  return SPECS.map(([id, displayName, platform, rule]) => {
    const created = rng.date('2024-01-01T00:00:00Z', '2024-12-31T23:59:59Z');
    return {
      id: id ?? rng.guid(),
      displayName,
      description: `${displayName}. Managed by Workplace Engineering; change only through CAB.`,
      platform,
      rule,
      assignmentFilterManagementType: 'devices',
      createdDateTime: created,
      lastModifiedDateTime: rng.date(created, '2025-12-31T23:59:59Z'),
      roleScopeTags: ['0'],
      payloads: [],
    };
  });
}

const APP_PLATFORM: Record<AppType, FilterPlatform | null> = {
  win32LobApp: 'windows10AndLater',
  winGetApp: 'windows10AndLater',
  officeSuiteApp: 'windows10AndLater',
  microsoftStoreForBusinessApp: 'windows10AndLater',
  iosVppApp: 'iOS',
  iosStoreApp: 'iOS',
  androidManagedStoreApp: 'androidForWork',
  macOSLobApp: 'macOS',
  webApp: null,
};

/** Filter ids usable on assignments of each app type (none for web links). */
export function filtersByAppType(filters: GraphObject[]): Map<AppType, string[]> {
  const result = new Map<AppType, string[]>();
  for (const [type, platform] of Object.entries(APP_PLATFORM) as [
    AppType,
    FilterPlatform | null,
  ][]) {
    result.set(
      type,
      filters.filter((f) => platform !== null && f.platform === platform).map((f) => f.id),
    );
  }
  return result;
}
