import betaSchema from '../../schemas/graph/graph-beta-assign.schema.json';
import v1Schema from '../../schemas/graph/graph-v1.0-assign.schema.json';
import type { GraphVersion } from './graph-schemas';

/**
 * Read access to the official Graph schemas' definitions (not validation: see `graph-schemas.ts`).
 * The simulator derives from them which properties and types each API version has, so v1.0 views,
 * `$select` checks and type lists follow Microsoft's metadata rather than a hand-kept list.
 */

export interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  'x-beta-only'?: boolean;
  'x-known-values'?: string[];
  'x-concrete-subtypes'?: string[];
}

type Defs = Record<string, SchemaNode | undefined>;

const DEFS: Record<GraphVersion, Defs> = {
  beta: (betaSchema as unknown as { $defs: Defs }).$defs,
  'v1.0': (v1Schema as unknown as { $defs: Defs }).$defs,
};

/** A definition by name (`mobileApp_response`, `win32LobAppAssignmentSettings`, ...). */
export function schemaDef(version: GraphVersion, name: string): SchemaNode | undefined {
  return DEFS[version][name];
}

/**
 * Property names a definition has in a version. The v1.0 file lists a few beta-only properties
 * for convenience (marked `x-beta-only`); they are not v1.0 properties, so they are left out.
 */
export function definedProperties(version: GraphVersion, name: string): Set<string> {
  const props = schemaDef(version, name)?.properties ?? {};
  return new Set(
    Object.entries(props)
      .filter(([, node]) => !(version === 'v1.0' && node['x-beta-only'] === true))
      .map(([key]) => key),
  );
}

/** Concrete `@odata.type` names (without `#microsoft.graph.`) a response definition lists. */
export function knownTypes(version: GraphVersion, name: string): Set<string> {
  const values = schemaDef(version, name)?.properties?.['@odata.type']?.['x-known-values'] ?? [];
  return new Set(values.map(shortTypeName));
}

/** `#microsoft.graph.win32LobApp` or `microsoft.graph.win32LobApp` -> `win32LobApp`. */
export function shortTypeName(odataType: string): string {
  return odataType.replace(/^#?microsoft\.graph\./, '');
}

/** The definition name a `$ref` or `anyOf: [{$ref}, null]` property points at, if any. */
export function referencedDef(node: SchemaNode): string | undefined {
  const ref = node.$ref ?? node.anyOf?.find((n) => n.$ref !== undefined)?.$ref;
  return ref?.replace('#/$defs/', '');
}
