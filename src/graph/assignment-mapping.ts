import type {
  AssignmentTarget,
  CurrentAssignment,
  FilterRef,
  Intent,
  NextEntry,
  RequestableTarget,
  RequestedAssignment,
} from '../domain/assignment';
import { INTENTS } from '../domain/assignment';
import type { ItemKind } from '../services/ports/intune';
import { changedAssignmentSettings, newAssignmentSettings } from './assignment-settings';
import { readSettings } from './settings-mapping';
import type { GraphVersion } from './graph-http';

/** An assignment object as Graph returns it (mobileAppAssignment or a policy's). */
export type GraphAssignment = Record<string, unknown> & {
  id?: string;
  intent?: string;
  source?: string;
  target?: GraphTarget | null;
};

type GraphTarget = Record<string, unknown> & {
  '@odata.type'?: string;
  groupId?: string | null;
  deviceAndAppManagementAssignmentFilterId?: string | null;
  deviceAndAppManagementAssignmentFilterType?: string;
};

const NS = '#microsoft.graph.';
const READ_ONLY = new Set(['id', 'source', 'sourceId']);

const typeName = (odataType: unknown) =>
  String(odataType ?? '').replace(/^#?microsoft\.graph\./, '');

function toTarget(target: GraphTarget | null | undefined): AssignmentTarget {
  const type = typeName(target?.['@odata.type']);
  if (type === 'groupAssignmentTarget' || type === 'exclusionGroupAssignmentTarget') {
    return {
      kind: 'group',
      groupId: String(target?.groupId ?? ''),
      exclude: type.startsWith('exclusion'),
    };
  }
  if (type === 'allLicensedUsersAssignmentTarget') return { kind: 'allUsers' };
  if (type === 'allDevicesAssignmentTarget') return { kind: 'allDevices' };
  return { kind: 'other', description: type || 'unknown target' };
}

function toFilter(target: GraphTarget | null | undefined): FilterRef | undefined {
  const id = target?.deviceAndAppManagementAssignmentFilterId;
  const mode = target?.deviceAndAppManagementAssignmentFilterType;
  return id && (mode === 'include' || mode === 'exclude') ? { id, mode } : undefined;
}

/** Maps a Graph assignment to the domain, keeping the object itself as the opaque payload. */
export function toCurrentAssignment(raw: GraphAssignment): CurrentAssignment<GraphAssignment> {
  const intent = INTENTS.find((i) => i === raw.intent) as Intent | undefined;
  const target = toTarget(raw.target);
  const settings = readSettings(raw.settings, target.kind === 'other' ? undefined : target);
  return {
    target,
    intent,
    filter: toFilter(raw.target),
    fromPolicySet: raw.source === 'policySets',
    ...(settings === undefined ? {} : { settings }),
    payload: raw,
  };
}

function graphTarget(
  target: RequestableTarget,
  filter: FilterRef | undefined,
  version: GraphVersion,
) {
  const body: Record<string, unknown> =
    target.kind === 'group'
      ? {
          '@odata.type': `${NS}${target.exclude ? 'exclusionGroupAssignmentTarget' : 'groupAssignmentTarget'}`,
          groupId: target.groupId,
        }
      : {
          '@odata.type': `${NS}${target.kind === 'allUsers' ? 'allLicensedUsersAssignmentTarget' : 'allDevicesAssignmentTarget'}`,
        };
  if (version === 'beta') {
    body.deviceAndAppManagementAssignmentFilterId = filter?.id ?? null;
    body.deviceAndAppManagementAssignmentFilterType = filter?.mode ?? 'none';
  }
  return body;
}

/** What the body builder needs to know about the item. */
export interface BodyContext {
  kind: ItemKind;
  /** Graph app type without namespace; unused for policies. */
  appType: string;
  version: GraphVersion;
}

function withoutReadOnly(payload: GraphAssignment): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !READ_ONLY.has(key)));
}

function added(requested: RequestedAssignment, ctx: BodyContext): Record<string, unknown> {
  const target = graphTarget(requested.target, requested.filter, ctx.version);
  if (ctx.kind === 'configPolicy') {
    return { '@odata.type': `${NS}managedDeviceMobileAppConfigurationAssignment`, target };
  }
  if (ctx.kind === 'managedAppConfig') {
    return { '@odata.type': `${NS}targetedManagedAppPolicyAssignment`, target };
  }
  return {
    '@odata.type': `${NS}mobileAppAssignment`,
    intent: requested.intent,
    target,
    settings: newAssignmentSettings(ctx.appType, requested.target, ctx.version, requested.settings),
  };
}

function changed(current: GraphAssignment, requested: RequestedAssignment, ctx: BodyContext) {
  const body = withoutReadOnly(current);
  if (ctx.kind === 'app') body.intent = requested.intent;
  if (ctx.kind === 'app' && requested.settings !== undefined) {
    const { appType, version } = ctx;
    body.settings = changedAssignmentSettings(
      current.settings,
      appType,
      requested.target,
      version,
      requested.settings,
    );
  }
  if (ctx.version === 'beta') {
    body.target = {
      ...(current.target ?? {}),
      ...graphTarget(requested.target, requested.filter, ctx.version),
    };
  }
  return body;
}

/**
 * Turns the merged set into the objects to post: kept assignments verbatim less the read-only
 * `id`, `source` and `sourceId`; a changed one with its new intent, filter and chosen settings
 * (its other settings verbatim); a new one built for the item's type, the API version and the
 * chosen settings.
 */
export function toAssignBody(
  next: NextEntry<GraphAssignment>[],
  ctx: BodyContext,
): Record<string, unknown>[] {
  return next.map((entry) => {
    if (entry.kind === 'keep') return withoutReadOnly(entry.current.payload);
    if (entry.kind === 'change') return changed(entry.current.payload, entry.requested, ctx);
    return added(entry.requested, ctx);
  });
}
