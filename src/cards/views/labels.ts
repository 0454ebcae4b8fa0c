import {
  ALL_DEVICES_NAME,
  ALL_USERS_NAME,
  type Intent,
  type RequestableTarget,
} from '../../domain/assignment';
import type { AssignmentRequest, ItemKind, RequestStatus } from '../../domain/request';
import { isRemoval, requestedList } from '../../domain/request-list';

/** Adaptive Card text colours used by the views. */
export type TextColor = 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';

const STATUS_LABELS: Record<RequestStatus, string> = {
  draft: 'Draft',
  pending: 'Pending approval',
  approved: 'Approved',
  assigning: 'Assigning',
  'awaiting-intune-approval': 'Awaiting Intune approval',
  assigned: 'Assigned',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired',
  failed: 'Failed',
};

const STATUS_COLORS: Record<RequestStatus, TextColor> = {
  draft: 'Default',
  pending: 'Accent',
  approved: 'Accent',
  assigning: 'Accent',
  'awaiting-intune-approval': 'Warning',
  assigned: 'Good',
  rejected: 'Attention',
  cancelled: 'Default',
  expired: 'Default',
  failed: 'Attention',
};

/** The status as people read it, e.g. `Pending approval`; also used in plain-text replies. */
export function statusLabel(status: RequestStatus): string {
  return STATUS_LABELS[status];
}

export function statusColor(status: RequestStatus): TextColor {
  return STATUS_COLORS[status];
}

const INTENT_LABELS: Record<Intent, string> = {
  required: 'Required',
  available: 'Available for enrolled devices',
  uninstall: 'Uninstall',
  availableWithoutEnrollment: 'Available with or without enrollment',
};

/** The intent as the Intune admin center names it. */
export function intentLabel(intent: Intent): string {
  return INTENT_LABELS[intent];
}

const KIND_LABELS: Record<ItemKind, string> = {
  app: 'Mobile app',
  configPolicy: 'App configuration policy',
  managedAppConfig: 'App configuration policy (managed apps)',
};

/** What an item's label adds after its platform to tell the policy kinds apart. */
const KIND_SUFFIXES: Record<ItemKind, string> = {
  app: '',
  configPolicy: '',
  managedAppConfig: ' (app configuration for managed apps)',
};

export function kindLabel(kind: ItemKind): string {
  return KIND_LABELS[kind];
}

/** Short labels for the common app types; others are spelled out from the type name. */
const APP_TYPE_LABELS: Record<string, string> = {
  win32LobApp: 'Win32',
  win32CatalogApp: 'Win32 catalog',
  winGetApp: 'Microsoft Store',
  microsoftStoreForBusinessApp: 'Microsoft Store for Business',
  officeSuiteApp: 'Microsoft 365 Apps',
  windowsMicrosoftEdgeApp: 'Microsoft Edge',
  windowsMobileMSI: 'MSI',
  windowsUniversalAppX: 'MSIX/AppX',
  windowsAppX: 'AppX',
  windowsWebApp: 'Web link',
  webApp: 'Web link',
  iosStoreApp: 'App Store',
  iosVppApp: 'Volume purchase',
  iosLobApp: 'Line-of-business',
  managedIOSStoreApp: 'Managed App Store',
  androidStoreApp: 'Store app',
  androidManagedStoreApp: 'Managed Google Play',
  androidManagedStoreWebApp: 'Managed Google Play web link',
  androidLobApp: 'Line-of-business',
  managedAndroidStoreApp: 'Managed store app',
  macOSDmgApp: 'DMG',
  macOSPkgApp: 'PKG',
  macOSLobApp: 'Line-of-business',
  macOsVppApp: 'Volume purchase',
  macOSMicrosoftEdgeApp: 'Microsoft Edge',
  macOSOfficeSuiteApp: 'Microsoft 365 Apps',
};

/** `Win32` for `win32LobApp`; an unknown type is spelled out (`fooBarApp` -> `foo bar app`). */
export function appTypeLabel(type: string): string {
  const bare = type.replace(/^#?microsoft\.graph\./, '');
  return APP_TYPE_LABELS[bare] ?? bare.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `Include Sales`, `Exclude Sales`, `All users` or `All devices`. */
export function targetLabel(target: RequestableTarget, name: string | undefined): string {
  if (target.kind === 'allUsers') return ALL_USERS_NAME;
  if (target.kind === 'allDevices') return ALL_DEVICES_NAME;
  return `${target.exclude ? 'Exclude' : 'Include'} ${name ?? target.groupId}`;
}

/** The request's targets (`Include Sales, Remove Exclude Contractors`), or empty before any. */
export function requestTargetLabel(request: AssignmentRequest): string {
  return requestedList(request)
    .map((r) => {
      const label = targetLabel(r.target, r.targetName);
      return isRemoval(r) ? `Remove ${label}` : label;
    })
    .join(', ');
}

/** `Corporate devices (include)`, or `None`. */
export function filterLabel(filter: AssignmentRequest['filter']): string {
  return filter === undefined ? 'None' : `${filter.name ?? filter.id} (${filter.mode})`;
}

/** `Zoom Workplace · Windows (Win32) · Zoom Video Communications` for a chosen item. */
export function itemLabel(item: NonNullable<AssignmentRequest['item']>): string {
  const type = item.kind === 'app' ? ` (${appTypeLabel(item.type)})` : KIND_SUFFIXES[item.kind];
  const publisher = item.publisher ? ` · ${item.publisher}` : '';
  return `${item.name} · ${item.platform}${type}${publisher}`;
}

/** `1 assignment`, `4 assignments`, `no assignments`. */
export function assignmentCountLabel(count: number): string {
  if (count === 0) return 'no assignments';
  return count === 1 ? '1 assignment' : `${count} assignments`;
}

/**
 * What the write keeps besides the change: `3 existing assignments are kept as they are.`, so an
 * approver sees the change is one line in a larger set, not the whole set. Empty when unknown.
 */
export function keptLabel(kept: number | undefined): string {
  if (kept === undefined) return '';
  if (kept === 0) return 'The item has no other assignments.';
  return kept === 1
    ? '1 existing assignment is kept as it is.'
    : `${kept} existing assignments are kept as they are.`;
}
