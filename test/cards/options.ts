import type { GroupOption, ItemOption } from '../../src/cards';
import type { AssignmentFilterSummary } from '../../src/services/ports/intune';

export const APPS: ItemOption[] = [
  {
    id: 'app-zoom',
    name: 'Zoom Workplace',
    publisher: 'Zoom Video Communications',
    appType: 'win32LobApp',
    platform: 'Windows',
    published: true,
    assignmentCount: 4,
  },
  {
    id: 'app-slack',
    name: 'Slack',
    publisher: 'Slack Technologies',
    appType: 'iosStoreApp',
    platform: 'iOS/iPadOS',
    published: true,
    isAssigned: false,
  },
];

export const POLICIES: ItemOption[] = [
  {
    id: 'pol-outlook',
    name: 'Outlook settings',
    policyType: 'iosMobileAppConfiguration',
    platform: 'iOS/iPadOS',
    assignmentCount: 1,
  },
];

export const GROUPS: GroupOption[] = [
  { id: 'grp-sales', name: 'Sales', kind: 'security', description: 'All sales staff' },
  { id: 'grp-hr', name: 'HR', kind: 'microsoft365' },
];

export const FILTERS: AssignmentFilterSummary[] = [
  { id: 'flt-corp', name: 'Corporate devices', platform: 'windows10AndLater', rule: '(x)' },
];
