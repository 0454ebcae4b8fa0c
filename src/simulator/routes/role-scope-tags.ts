import type { CollectionRules } from '../odata';
import type { Route } from '../router';
import { DEFAULT_SCOPE_TAG_OBJECT } from '../seed/rbac';
import { betaReadOnlyCollection } from './read-only-collection';
/**
 * Beta only: `deviceManagement/roleScopeTags`, Intune's scope tags, read-only. A tenant seeded
 * without them has the built-in Default tag (`0`) alone.
 */

const SET = 'deviceManagement/roleScopeTags';

const RULES: CollectionRules = {
  entity: 'microsoft.graph.roleScopeTag',
  properties: new Set(['id', 'displayName', 'description', 'isBuiltIn']),
  functions: new Set(['startswith'] as const),
  expandable: new Set(),
  defaultTop: 100,
  maxTop: 999,
};

export const roleScopeTagRoutes: Route[] = betaReadOnlyCollection({
  set: SET,
  rules: RULES,
  entityType: 'roleScopeTag',
  items: (state) => state.tenant.roleScopeTags ?? [DEFAULT_SCOPE_TAG_OBJECT],
});
