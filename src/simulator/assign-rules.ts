import { allowedSettingsTypes } from './app-types';
import { badRequest } from './errors';
import { isRecord } from './http-types';
import { findBy } from './indexes';
import { shortTypeName } from './schema-defs';
import type { GraphObject, TenantData } from './tenant-data';

/**
 * Intune's service rules for an assign body that already passed the official schema: what the
 * metadata cannot say (SPEC section 1). Each refusal is a 400 that names the offending entry.
 */

export type AssignKind = 'app' | 'config' | 'managedAppConfig';

export interface RuleContext {
  kind: AssignKind;
  item: GraphObject;
  tenant: TenantData;
}

/** Exactly Intune's message for settings on an exclusion target. */
export const EXCLUSION_SETTINGS_MESSAGE =
  'Exclusion assignment does not support MobileAppAssignment Settings.';

export function targetType(assignment: Record<string, unknown>): string {
  const target = assignment.target;
  return isRecord(target) ? shortTypeName(String(target['@odata.type'] ?? '')) : '';
}

/** Throws a `GraphError` (400) for the first rule the body breaks. */
export function checkAssignRules(ctx: RuleContext, assignments: Record<string, unknown>[]): void {
  if (ctx.kind === 'app' && ctx.item.publishingState !== 'published') {
    throw badRequest(
      `The app '${ctx.item.id}' cannot be assigned: its publishingState is '${String(ctx.item.publishingState)}'; only published apps can be assigned.`,
    );
  }
  const seen = new Set<string>();
  assignments.forEach((assignment, index) => {
    const where = `Assignment ${index + 1}`;
    if (!isRecord(assignment.target)) throw badRequest(`${where} has no target.`);
    if (ctx.kind === 'app') checkAppEntry(ctx, assignment, where);
    if (ctx.kind === 'managedAppConfig') checkManagedAppEntry(assignment, where);
    const key = checkTarget(ctx.tenant, assignment.target, where);
    if (seen.has(key)) throw badRequest(`${where} repeats a target: ${duplicateText(key)}`);
    seen.add(key);
  });
}

function checkAppEntry(ctx: RuleContext, assignment: Record<string, unknown>, where: string) {
  const type = targetType(assignment);
  if (typeof assignment.intent !== 'string') throw badRequest(`${where} has no intent.`);
  const settings = assignment.settings;
  if (type === 'exclusionGroupAssignmentTarget' && settings !== undefined && settings !== null) {
    throw badRequest(EXCLUSION_SETTINGS_MESSAGE);
  }
  // Stricter reading: `available` offers the app in Company Portal to users; a device target
  // has no user to offer it to, so Intune's portal never allows it and neither does this tenant.
  if (type === 'allDevicesAssignmentTarget' && assignment.intent === 'available') {
    throw badRequest(`${where}: the intent 'available' cannot target All devices.`);
  }
  if (isRecord(settings)) {
    const settingsType = shortTypeName(String(settings['@odata.type'] ?? ''));
    const appType = shortTypeName(String(ctx.item['@odata.type'] ?? ''));
    if (!allowedSettingsTypes(appType).includes(settingsType)) {
      throw badRequest(
        `${where}: settings of type '${settingsType}' do not apply to an app of type '${appType}'.`,
      );
    }
  }
}

const GROUP_TARGETS = new Set(['groupAssignmentTarget', 'exclusionGroupAssignmentTarget']);

/**
 * App configuration policies for managed apps reach users through the Intune App SDK: Intune
 * assigns them to groups only (include or exclude), never to All devices. Stricter reading: All
 * users, which the admin center does not offer for them either, is refused too, and so is a
 * device assignment filter.
 */
function checkManagedAppEntry(assignment: Record<string, unknown>, where: string) {
  const type = targetType(assignment);
  if (!GROUP_TARGETS.has(type)) {
    throw badRequest(
      `${where}: a targetedManagedAppPolicyAssignment cannot target '${type}'; use a group or an excluded group.`,
    );
  }
  const target = assignment.target as Record<string, unknown>;
  const filterType = target.deviceAndAppManagementAssignmentFilterType ?? 'none';
  if (filterType !== 'none') {
    throw badRequest(
      `${where}: assignment filters are not supported on this policy's assignments.`,
    );
  }
}

/** Checks one target and returns its identity key for duplicate detection. */
function checkTarget(tenant: TenantData, target: Record<string, unknown>, where: string): string {
  const type = shortTypeName(String(target['@odata.type'] ?? ''));
  checkFilter(tenant, target, type, where);
  switch (type) {
    case 'groupAssignmentTarget':
    case 'exclusionGroupAssignmentTarget': {
      const groupId = target.groupId;
      if (typeof groupId !== 'string' || groupId === '') {
        throw badRequest(`${where}: a group target needs a groupId.`);
      }
      // Stricter reading: Intune may store an unknown group id; here it is refused.
      if (!findBy(tenant.groups, groupId)) {
        throw badRequest(`${where}: the group '${groupId}' was not found in the directory.`);
      }
      return `group:${groupId.toLowerCase()}`;
    }
    case 'configurationManagerCollectionAssignmentTarget':
      return `collection:${String(target.collectionId)}`;
    default:
      return type;
  }
}

function checkFilter(
  tenant: TenantData,
  target: Record<string, unknown>,
  type: string,
  where: string,
): void {
  const filterId = target.deviceAndAppManagementAssignmentFilterId ?? null;
  const filterType = target.deviceAndAppManagementAssignmentFilterType ?? 'none';
  if (filterType === 'none') {
    // Stricter reading: a filter id without a filter type is ambiguous, so it is refused.
    if (filterId !== null && filterId !== '') {
      throw badRequest(
        `${where}: deviceAndAppManagementAssignmentFilterId is set but deviceAndAppManagementAssignmentFilterType is 'none'.`,
      );
    }
    return;
  }
  if (typeof filterId !== 'string' || filterId === '') {
    throw badRequest(
      `${where}: a filter type of '${String(filterType)}' needs a deviceAndAppManagementAssignmentFilterId.`,
    );
  }
  if (!tenant.assignmentFilters.some((f) => f.id === filterId)) {
    throw badRequest(`${where}: the assignment filter '${filterId}' was not found.`);
  }
  // Stricter reading: the Intune admin center offers no filter on excluded groups.
  if (type === 'exclusionGroupAssignmentTarget') {
    throw badRequest(`${where}: assignment filters are not supported on exclusion targets.`);
  }
}

function duplicateText(key: string): string {
  if (key.startsWith('group:')) {
    return `the group '${key.slice(6)}' may appear only once (include or exclude).`;
  }
  if (key === 'allLicensedUsersAssignmentTarget') return 'All users may appear only once.';
  if (key === 'allDevicesAssignmentTarget') return 'All devices may appear only once.';
  return `'${key}' may appear only once.`;
}
