import type { GraphObject } from './tenant-data';
import { isRecord } from './http-types';
import {
  definedProperties,
  knownTypes,
  referencedDef,
  schemaDef,
  shortTypeName,
} from './schema-defs';

/**
 * The v1.0 projection of the tenant, which is stored in its beta shape. v1.0 lacks assignment
 * filters, `source`/`sourceId`, `isAssigned` and many app types; a v1.0 client therefore sees
 * less than there is, and a v1.0 read-merge-write silently drops filters (SPEC section 1).
 * Every decision here is read from the v1.0 schema file, not from a hand-kept list.
 */

const V1_APP_TYPES = knownTypes('v1.0', 'mobileApp_response');
const V1_CONFIG_TYPES = knownTypes('v1.0', 'managedDeviceMobileAppConfiguration_response');

const BETA_ONLY_APP_PROPS = betaOnly('mobileApp_response');
const BETA_ONLY_CONFIG_PROPS = betaOnly('managedDeviceMobileAppConfiguration_response');

function betaOnly(def: string): Set<string> {
  const v1 = definedProperties('v1.0', def);
  return new Set([...definedProperties('beta', def)].filter((p) => !v1.has(p)));
}

function typeOf(obj: GraphObject): string {
  return shortTypeName(String(obj['@odata.type'] ?? ''));
}

/**
 * Whether an app exists in v1.0. Stricter reading: an app whose concrete type the v1.0 metadata
 * does not list (e.g. `winGetApp`, `officeSuiteApp`, `androidManagedStoreApp`) is neither listed
 * nor found by id there, rather than shown under a type v1.0 cannot name.
 */
export function appVisibleInV1(app: GraphObject): boolean {
  return V1_APP_TYPES.has(typeOf(app));
}

/** Same rule for app configuration policies (v1.0 lists only `iosMobileAppConfiguration`). */
export function configVisibleInV1(policy: GraphObject): boolean {
  return V1_CONFIG_TYPES.has(typeOf(policy));
}

/** An app as v1.0 shows it: base properties v1.0 lacks removed, subtype properties kept. */
export function appToV1(app: GraphObject): GraphObject {
  return omit(app, BETA_ONLY_APP_PROPS);
}

export function configToV1(policy: GraphObject): GraphObject {
  return omit(policy, BETA_ONLY_CONFIG_PROPS);
}

/** An app assignment as v1.0 shows it: no `source`/`sourceId`, targets without filter ids. */
export function appAssignmentToV1(assignment: GraphObject): GraphObject {
  return projectObject(assignment, 'mobileAppAssignment') as GraphObject;
}

export function configAssignmentToV1(assignment: GraphObject): GraphObject {
  return projectObject(assignment, 'managedDeviceMobileAppConfigurationAssignment') as GraphObject;
}

function isObjectDef(name: string): boolean {
  return schemaDef('v1.0', name)?.properties !== undefined;
}

function omit(obj: GraphObject, keys: Set<string>): GraphObject {
  const out: GraphObject = { id: obj.id };
  for (const [key, value] of Object.entries(obj)) if (!keys.has(key)) out[key] = value;
  return out;
}

/**
 * Keeps only the properties the v1.0 definition has, recursing through `$ref`s. A polymorphic
 * value is projected by its own `@odata.type`; a value whose type v1.0 does not have at all
 * (a beta-only settings type) becomes `null`, as v1.0 cannot represent it.
 */
function projectObject(value: unknown, defName: string): unknown {
  if (!isRecord(value)) return value;
  let name = defName;
  if (name.endsWith('_polymorphic')) {
    name = shortTypeName(String(value['@odata.type'] ?? ''));
    if (!schemaDef('v1.0', name)) return null;
  }
  const def = schemaDef('v1.0', name);
  if (!def?.properties) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const node = def.properties[key];
    if (key !== 'id' && (!node || node['x-beta-only'] === true)) continue;
    const ref = node ? referencedDef(node) : undefined;
    const nested = ref !== undefined && (ref.endsWith('_polymorphic') || isObjectDef(ref));
    out[key] = nested ? projectObject(child, ref) : child;
  }
  return out;
}

/** A managed-app policy assignment as v1.0 shows it: no `source`/`sourceId`, no filter ids. */
export function managedAppAssignmentToV1(assignment: GraphObject): GraphObject {
  return projectObject(assignment, 'targetedManagedAppPolicyAssignment') as GraphObject;
}
