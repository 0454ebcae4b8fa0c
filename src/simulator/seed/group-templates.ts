import {
  CITIES,
  COUNTRIES,
  DEPARTMENTS,
  PLATFORMS,
  PROJECTS,
  REGIONS,
  RINGS,
  ROLES,
} from './names';

/** `security` groups have assigned members, `dynamic` ones a rule, `unified` are Microsoft 365 groups. */
export type GroupKind = 'security' | 'dynamic' | 'unified';

/** A family of group names built from word lists, e.g. `SG-Intune-{dept}-{region}-{ring}`. */
export interface GroupTemplate {
  kind: GroupKind;
  weight: number;
  dims: readonly (readonly string[])[];
  name(parts: string[]): string;
  description(parts: string[]): string;
  /** Which part is a department (its users fill the group), if any. */
  department?: number;
  /** Dynamic groups whose rule selects devices have no user members. */
  devices?: boolean;
  rule?(parts: string[]): string;
}

const COST_CENTERS = Array.from({ length: 200 }, (_, i) => `CC${4100 + i * 7}`);

const OS_TYPE: Record<string, string> = {
  Windows: '(device.deviceOSType -eq "Windows")',
  iOS: '(device.deviceOSType -in ["iPhone","iPad"])',
  Android: '(device.deviceOSType -eq "AndroidForWork")',
  macOS: '(device.deviceOSType -eq "MacMDM")',
  CloudPC: '(device.deviceModel -startsWith "Cloud PC")',
};

/**
 * The name families, smallest first; when one runs out the next takes over, and the cost-center
 * family alone holds 384,000 names.
 */
export const GROUP_TEMPLATES: readonly GroupTemplate[] = [
  {
    kind: 'security',
    weight: 14,
    dims: [DEPARTMENTS, REGIONS, RINGS],
    name: ([d, r, ring]) => `SG-Intune-${d}-${r}-${ring}`,
    description: ([d, r, ring]) => `Intune deployment ring ${ring} for ${d} in ${r}.`,
    department: 0,
  },
  {
    kind: 'security',
    weight: 14,
    dims: [DEPARTMENTS, COUNTRIES],
    name: ([d, c]) => `${d} - ${c}`,
    description: ([d, c]) => `All ${d} staff based in ${c}.`,
    department: 0,
  },
  {
    kind: 'dynamic',
    weight: 6,
    dims: [DEPARTMENTS, COUNTRIES],
    name: ([d, c]) => `DYN-Users-${d}-${c}`,
    description: ([d, c]) => `Dynamic: users of ${d} in ${c}, from HR attributes.`,
    rule: ([d, c]) => `(user.department -eq "${d}") and (user.country -eq "${c}")`,
    department: 0,
  },
  {
    kind: 'dynamic',
    weight: 3,
    dims: [PLATFORMS, CITIES],
    name: ([p, c]) => `DYN-Devices-${p}-${c}`,
    description: ([p, c]) => `Dynamic: ${p} devices enrolled at the ${c} office.`,
    rule: ([p, c]) =>
      `${OS_TYPE[p ?? ''] ?? ''} and (device.enrollmentProfileName -contains "${c}")`,
    devices: true,
  },
  {
    kind: 'unified',
    weight: 4,
    dims: [DEPARTMENTS, CITIES],
    name: ([d, c]) => `${d} Team - ${c}`,
    description: ([d, c]) => `Microsoft 365 group of the ${d} team in ${c}.`,
    department: 0,
  },
  {
    kind: 'unified',
    weight: 3,
    dims: [PROJECTS, DEPARTMENTS],
    name: ([p, d]) => `Project ${p} - ${d}`,
    description: ([p, d]) => `Project ${p} workspace for ${d}.`,
    department: 1,
  },
  {
    kind: 'security',
    weight: 18,
    dims: [DEPARTMENTS, ROLES, CITIES],
    name: ([d, r, c]) => `${d} ${r} - ${c}`,
    description: ([d, r, c]) => `${d} ${String(r).toLowerCase()} in ${c}.`,
    department: 0,
  },
  {
    kind: 'security',
    weight: 20,
    dims: [PLATFORMS, DEPARTMENTS, CITIES, RINGS],
    name: ([p, d, c, ring]) => `SG-${p}-${d}-${c}-${ring}`,
    description: ([p, d, c, ring]) => `${p} ${ring} targeting for ${d} in ${c}.`,
    department: 1,
  },
  {
    kind: 'security',
    weight: 5,
    dims: [COST_CENTERS, DEPARTMENTS, CITIES],
    name: ([cc, d, c]) => `SG-${cc}-${d}-${c}`,
    description: ([cc, d, c]) => `Cost center ${cc} (${d}, ${c}).`,
    department: 1,
  },
];

/** Groups every tenant has, created right after the landmark ones. */
export const SPECIAL_GROUPS: readonly {
  name: string;
  kind: GroupKind;
  rule?: string;
  devices?: boolean;
}[] = [
  { name: 'All Employees', kind: 'dynamic', rule: '(user.employeeType -eq "Employee")' },
  { name: 'All Contractors', kind: 'dynamic', rule: '(user.employeeType -eq "Contractor")' },
  { name: 'All Windows Devices', kind: 'dynamic', rule: OS_TYPE.Windows, devices: true },
  { name: 'All iOS Devices', kind: 'dynamic', rule: OS_TYPE.iOS, devices: true },
  { name: 'All Android Devices', kind: 'dynamic', rule: OS_TYPE.Android, devices: true },
  { name: 'All macOS Devices', kind: 'dynamic', rule: OS_TYPE.macOS, devices: true },
  {
    name: 'Autopilot Devices',
    kind: 'dynamic',
    rule: '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))',
    devices: true,
  },
  { name: 'Frontline Workers', kind: 'dynamic', rule: '(user.jobTitle -contains "Associate")' },
  { name: 'Intune Administrators', kind: 'security' },
  { name: 'Helpdesk Operators', kind: 'security' },
  { name: 'Kiosk Devices', kind: 'security' },
  { name: 'Executives', kind: 'security' },
  { name: 'Remote Workers', kind: 'security' },
  { name: 'New Hires', kind: 'security' },
  { name: 'Company Announcements', kind: 'unified' },
];
