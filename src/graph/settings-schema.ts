import betaSchema from '../../schemas/graph/graph-beta-assign.schema.json';
import v1Schema from '../../schemas/graph/graph-v1.0-assign.schema.json';
import { settingNamesFor, type SettingName } from '../domain/assignment-settings';
import type { GraphVersion } from './graph-http';
import { SETTING_PATHS, settingsTypeOf } from './settings-mapping';

/**
 * Which assignment settings the configured Graph version can write, read from Microsoft's own
 * schemas (`schemas/graph/`, extracted from the Graph metadata): a setting is offered only when
 * its property exists in that version's settings type, so under v1.0 no beta-only setting is.
 */

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  'x-beta-only'?: boolean;
}

type Defs = Record<string, SchemaNode | undefined>;

const DEFS: Record<GraphVersion, Defs> = {
  beta: (betaSchema as unknown as { $defs: Defs }).$defs,
  'v1.0': (v1Schema as unknown as { $defs: Defs }).$defs,
};

function refOf(node: SchemaNode): string | undefined {
  const ref = node.$ref ?? node.anyOf?.find((n) => n.$ref !== undefined)?.$ref;
  return ref?.replace('#/$defs/', '');
}

/** True when `path` (a property, or a property of a nested object) is writable in `version`. */
function writable(version: GraphVersion, typeName: string, path: readonly string[]): boolean {
  const defs = DEFS[version];
  let def = defs[typeName];
  for (const key of path) {
    if (def === undefined || (version === 'v1.0' && def['x-beta-only'] === true)) return false;
    const node = def.properties?.[key];
    if (node === undefined || (version === 'v1.0' && node['x-beta-only'] === true)) return false;
    const ref = refOf(node);
    def = ref === undefined ? undefined : defs[ref];
  }
  return true;
}

/** The settings an assignment of `appType` can carry in `version`, in catalogue order. */
export function offeredSettings(appType: string, version: GraphVersion): SettingName[] {
  const typeName = settingsTypeOf(appType);
  if (typeName === undefined) return [];
  return settingNamesFor(appType).filter((name) =>
    SETTING_PATHS[name].every((path) => writable(version, typeName, path)),
  );
}
