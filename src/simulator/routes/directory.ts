import { badRequest, directoryNotFound, GraphError } from '../errors';
import { parseSearch, searchList, transitiveGroups } from '../directory-search';
import { type GraphRequest, isRecord, odataContext, ok } from '../http-types';
import {
  applyQuery,
  type CollectionRules,
  collectionPage,
  parseCollectionQuery,
  parseEntityQuery,
  selectFields,
} from '../odata';
import { findBy } from '../indexes';
import { route, type Route } from '../router';
import type { SimulatorState } from '../state';
import type { GraphObject } from '../tenant-data';

/**
 * Entra ID: `groups` (search, filter, paging), one group, one user (by id or UPN) and
 * `checkMemberGroups` (transitive, at most 20 ids). Same on v1.0 and beta.
 */

const MAX_CHECK_IDS = 20;

const directoryRules = (entity: string): CollectionRules => ({
  entity,
  functions: new Set(['startswith'] as const),
  expandable: new Set(),
  defaultTop: 100,
  maxTop: 999,
  search: true,
});

const GROUP_RULES = directoryRules('microsoft.graph.group');
const USER_RULES = directoryRules('microsoft.graph.user');

function eventual(req: GraphRequest): boolean {
  return req.headers.consistencylevel?.toLowerCase() === 'eventual';
}

/** Advanced queries (`$search`, `$count`) need `ConsistencyLevel: eventual`, as in Entra ID. */
function listDirectory(
  req: GraphRequest,
  items: GraphObject[],
  rules: CollectionRules,
  set: string,
) {
  const opts = parseCollectionQuery(req.query, rules);
  if (opts.search !== undefined && !eventual(req)) {
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  if (opts.count && !eventual(req)) {
    throw new GraphError(400, 'Request_BadRequest', '$count is not currently supported.');
  }
  const search = opts.search === undefined ? undefined : parseSearch(opts.search);
  const found = search ? searchList(items, search) : items;
  const result = applyQuery(found, opts, rules);
  return ok(collectionPage(req, result, opts, set, (item) => selectFields(item, opts.select)));
}

function findGroup(state: SimulatorState, id: string): GraphObject {
  const group = findBy(state.tenant.groups, id);
  if (!group) throw directoryNotFound(id);
  return group;
}

/** A user by object id or by userPrincipalName (case-insensitive, like Entra ID). */
function findUser(state: SimulatorState, key: string): GraphObject {
  const users = state.tenant.users;
  const user = findBy(users, key) ?? findBy(users, key, 'userPrincipalName');
  if (!user) throw directoryNotFound(key);
  return user;
}

function entity(req: GraphRequest, obj: GraphObject, set: string, rules: CollectionRules) {
  const { select } = parseEntityQuery(req.query, rules);
  const fragment = select ? `${set}(${select.join(',')})/$entity` : `${set}/$entity`;
  return ok({ '@odata.context': odataContext(req, fragment), ...selectFields(obj, select) });
}

function checkMemberGroups(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const user = findUser(state, id as string);
  const ids = isRecord(req.body) ? req.body.groupIds : undefined;
  if (!Array.isArray(ids) || ids.some((g) => typeof g !== 'string') || ids.length === 0) {
    throw badRequest(
      'The body must be {"groupIds": [...]} with 1 to 20 group ids.',
      'Request_BadRequest',
    );
  }
  if (ids.length > MAX_CHECK_IDS) {
    throw badRequest(
      `Too many group ids: ${ids.length}. checkMemberGroups accepts at most ${MAX_CHECK_IDS}.`,
      'Request_BadRequest',
    );
  }
  const member = new Set([...transitiveGroups(state.tenant, user.id)].map((g) => g.toLowerCase()));
  const value = (ids as string[]).filter((g) => member.has(g.toLowerCase()));
  return ok({ '@odata.context': odataContext(req, 'Collection(Edm.String)'), value });
}

export const directoryRoutes: Route[] = [
  route('GET', 'groups', (req, _p, state) =>
    listDirectory(req, state.tenant.groups, GROUP_RULES, 'groups'),
  ),
  route('GET', 'groups/{id}', (req, [id], state) =>
    entity(req, findGroup(state, id as string), 'groups', GROUP_RULES),
  ),
  route('GET', 'users', (req, _p, state) =>
    listDirectory(req, state.tenant.users, USER_RULES, 'users'),
  ),
  route('GET', 'users/{id}', (req, [id], state) =>
    entity(req, findUser(state, id as string), 'users', USER_RULES),
  ),
  route('POST', 'users/{id}/checkMemberGroups', checkMemberGroups),
];
