import v1Schema from '../../schemas/graph/graph-v1.0-assign.schema.json';
import type { ItemKind } from '../domain/request';

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  'x-beta-only'?: boolean;
}

const DEFS = (v1Schema as unknown as { $defs: Record<string, SchemaNode | undefined> }).$defs;

const ASSIGNMENT_DEF: Record<ItemKind, string> = {
  app: 'mobileAppAssignment',
  configPolicy: 'managedDeviceMobileAppConfigurationAssignment',
  managedAppConfig: 'targetedManagedAppPolicyAssignment',
};

/** Read-only fields the bot strips before any write: never "lost" by one. */
const READ_ONLY = new Set(['id', 'source', 'sourceId']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value that says nothing (no filter is `none`): dropping it changes nothing. */
const isEmpty = (value: unknown) => value === null || value === undefined || value === 'none';

const shortType = (odataType: unknown) =>
  String(odataType ?? '').replace(/^#?microsoft\.graph\./, '');

function referencedDef(node: SchemaNode): string | undefined {
  const ref = node.$ref ?? node.anyOf?.find((n) => n.$ref !== undefined)?.$ref;
  return ref?.replace('#/$defs/', '');
}

/**
 * What of an assignment, as beta shows it, a v1.0 write cannot carry: the paths (e.g.
 * `settings.isRemovable`, `target.deviceAndAppManagementAssignmentFilterId`) of every property
 * with a value that the v1.0 schema does not define, and of every object whose type v1.0 lacks
 * altogether (`settings (winGetAppAssignmentSettings)`). Derived from Microsoft's v1.0 schema
 * (`schemas/graph/`), not from a hand-kept list. Empty when a v1.0 re-post loses nothing.
 */
export function v1Gaps(betaAssignment: Record<string, unknown>, kind: ItemKind): string[] {
  return gaps(betaAssignment, ASSIGNMENT_DEF[kind], '');
}

function gaps(value: Record<string, unknown>, defName: string, path: string): string[] {
  let name = defName;
  if (name.endsWith('_polymorphic')) {
    name = shortType(value['@odata.type']);
    if (!DEFS[name]?.properties) return [`${path} (${name})`];
  }
  const properties = DEFS[name]?.properties;
  if (!properties) return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (READ_ONLY.has(key) || isEmpty(child)) continue;
    const at = path === '' ? key : `${path}.${key}`;
    const node = properties[key];
    if (!node || node['x-beta-only'] === true) {
      found.push(at);
      continue;
    }
    const ref = referencedDef(node);
    const nested = ref !== undefined && (ref.endsWith('_polymorphic') || DEFS[ref]?.properties);
    if (nested && isRecord(child)) found.push(...gaps(child, ref, at));
  }
  return found;
}
