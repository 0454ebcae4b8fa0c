import { intuneNotFound } from '../errors';
import { type GraphRequest, odataContext, ok } from '../http-types';
import { findBy } from '../indexes';
import {
  applyQuery,
  type CollectionRules,
  collectionPage,
  parseCollectionQuery,
  parseEntityQuery,
  selectFields,
} from '../odata';
import { route, type Route } from '../router';
import { DEFAULT_SCOPE_TAG_OBJECT } from '../seed/rbac';
import type { SimulatorState } from '../state';

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

const tagsOf = (state: SimulatorState) => state.tenant.roleScopeTags ?? [DEFAULT_SCOPE_TAG_OBJECT];

function list(req: GraphRequest, _params: string[], state: SimulatorState) {
  const opts = parseCollectionQuery(req.query, RULES);
  const items = applyQuery(tagsOf(state), opts, RULES);
  return ok(collectionPage(req, items, opts, SET, (t) => selectFields(t, opts.select)));
}

function get(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const tag = findBy(tagsOf(state), id as string);
  if (!tag) throw intuneNotFound('roleScopeTag', id as string);
  const { select } = parseEntityQuery(req.query, RULES);
  return ok({
    '@odata.context': odataContext(req, `${SET}/$entity`),
    ...selectFields(tag, select),
  });
}

const BETA_ONLY = { betaOnlySegment: 'roleScopeTags' };

export const roleScopeTagRoutes: Route[] = [
  route('GET', SET, list, BETA_ONLY),
  route('GET', `${SET}/{id}`, get, BETA_ONLY),
];
