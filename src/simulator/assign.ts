import { checkAssignRules, targetType, type AssignKind } from './assign-rules';
import { badRequest } from './errors';
import { validateAgainstGraphSchema } from './graph-schemas';
import { type GraphRequest, isRecord, noContent, type SimResponse } from './http-types';
import { guardWrite } from './maa';
import type { SimulatorState } from './state';
import type { GraphObject } from './tenant-data';

/**
 * The assign action for apps and app configuration policies (managed devices and managed apps):
 * the body REPLACES the whole set
 * (an empty array deletes every assignment, as in the real service). Order: schema for the
 * version, service rules, Multi Admin Approval, then the write.
 */

const ALL_USERS_ID = 'acacacac-9df4-4c7d-9d50-4ef0226f57a9';
const ALL_DEVICES_ID = 'adadadad-808e-44e2-905a-0b7873a8a531';

/**
 * Intune's assignment ids are `${groupId}_${intent number}_${0 include | 1 exclude}`, with fixed
 * ids for All users and All devices; the intent numbers follow Intune's enum order.
 */
const INTENT_NUMBER: Record<string, number> = {
  available: 0,
  required: 1,
  uninstall: 2,
  availableWithoutEnrollment: 3,
};

const ENTRY = {
  app: { schema: 'mobileApp_assign_request', key: 'mobileAppAssignments' },
  config: { schema: 'managedDeviceMobileAppConfiguration_assign_request', key: 'assignments' },
  managedAppConfig: {
    schema: 'targetedManagedAppConfiguration_assign_request',
    key: 'assignments',
  },
} as const;

export function assign(
  req: GraphRequest,
  state: SimulatorState,
  kind: AssignKind,
  item: GraphObject,
): SimResponse {
  const entry = ENTRY[kind];
  const result = validateAgainstGraphSchema(req.version, entry.schema, req.body);
  if (!result.valid) {
    throw badRequest(
      `The request body is not a valid ${req.version} ${entry.schema.replace('_request', '')} body: ${result.errors.join('; ')}`,
    );
  }
  const posted = (req.body as Record<string, unknown[]>)[entry.key] as Record<string, unknown>[];
  checkAssignRules({ kind, item, tenant: state.tenant }, posted);
  const approvalCode = guardWrite(req, state.settings, state.approvals);

  const stored = posted.map((a) => storedAssignment(kind, item.id, a));
  if (kind === 'app') {
    state.tenant.appAssignments.set(item.id, stored);
    item.isAssigned = stored.length > 0;
  } else if (kind === 'managedAppConfig') {
    state.tenant.managedAppConfigAssignments.set(item.id, stored);
    item.isAssigned = stored.length > 0;
  } else {
    state.tenant.configAssignments.set(item.id, stored);
  }
  if (approvalCode) state.approvals.complete(approvalCode);
  return noContent();
}

function withHash(odataType: unknown): string {
  const text = String(odataType);
  return text.startsWith('#') ? text : `#${text}`;
}

/**
 * The stored (beta-shape) assignment: an Intune-style id, `#`-prefixed types, filter
 * properties always present (a v1.0 body has none, so its filters are dropped: id null, type
 * none), and for apps and managed-app policies `source: direct` unless a beta body posted its own
 * source. Managed device policy assignments have no `source` in the beta schema, so none is stored.
 */
function storedAssignment(
  kind: AssignKind,
  itemId: string,
  posted: Record<string, unknown>,
): GraphObject {
  const target = { ...(posted.target as Record<string, unknown>) };
  target['@odata.type'] = withHash(target['@odata.type']);
  target.deviceAndAppManagementAssignmentFilterId ??= null;
  target.deviceAndAppManagementAssignmentFilterType ??= 'none';
  const key = targetKey(posted);
  const hasSource = posted.source !== undefined;
  const provenance = {
    source: hasSource ? posted.source : 'direct',
    sourceId: hasSource ? (posted.sourceId ?? null) : null,
  };
  if (kind === 'managedAppConfig') {
    const exclusion = targetType(posted) === 'exclusionGroupAssignmentTarget';
    return {
      '@odata.type': '#microsoft.graph.targetedManagedAppPolicyAssignment',
      id: `${key}_${exclusion ? 1 : 0}`,
      ...provenance,
      target,
    };
  }
  if (kind === 'config') {
    return {
      '@odata.type': '#microsoft.graph.managedDeviceMobileAppConfigurationAssignment',
      id: `${itemId}_${key}`,
      target,
    };
  }
  const exclusion = targetType(posted) === 'exclusionGroupAssignmentTarget';
  const settings = isRecord(posted.settings)
    ? { ...posted.settings, '@odata.type': withHash(posted.settings['@odata.type']) }
    : null;
  return {
    '@odata.type': '#microsoft.graph.mobileAppAssignment',
    id: `${key}_${INTENT_NUMBER[String(posted.intent)] ?? 0}_${exclusion ? 1 : 0}`,
    intent: posted.intent,
    ...provenance,
    target,
    settings,
  };
}

/** The id segment Intune uses for a target: the group id, or the fixed All users / devices ids. */
function targetKey(posted: Record<string, unknown>): string {
  const target = posted.target as Record<string, unknown>;
  switch (targetType(posted)) {
    case 'allLicensedUsersAssignmentTarget':
      return ALL_USERS_ID;
    case 'allDevicesAssignmentTarget':
      return ALL_DEVICES_ID;
    case 'configurationManagerCollectionAssignmentTarget':
      return String(target.collectionId);
    default:
      return String(target.groupId);
  }
}
