import { intuneNotFound } from '../errors';
import { type GraphRequest, odataContext, ok } from '../http-types';
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
import { definedProperties } from '../schema-defs';
import type { SimulatorState } from '../state';

/**
 * Beta only: `deviceManagement/assignmentFilters`. v1.0 has no assignment filters, so there the
 * path answers Graph's 400 "Resource not found for the segment 'assignmentFilters'."
 */

const SET = 'deviceManagement/assignmentFilters';

const RULES: CollectionRules = {
  entity: 'microsoft.graph.deviceAndAppManagementAssignmentFilter',
  properties: definedProperties('beta', 'deviceAndAppManagementAssignmentFilter_response'),
  functions: new Set(['startswith'] as const),
  expandable: new Set(),
  defaultTop: 100,
  maxTop: 999,
};

function list(req: GraphRequest, _params: string[], state: SimulatorState) {
  const opts = parseCollectionQuery(req.query, RULES);
  const items = applyQuery(state.tenant.assignmentFilters, opts, RULES);
  return ok(collectionPage(req, items, opts, SET, (f) => selectFields(f, opts.select)));
}

function get(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const filter = findBy(state.tenant.assignmentFilters, id as string);
  if (!filter) throw intuneNotFound('deviceAndAppManagementAssignmentFilter', id as string);
  const { select } = parseEntityQuery(req.query, RULES);
  return ok({
    '@odata.context': odataContext(req, `${SET}/$entity`),
    ...selectFields(filter, select),
  });
}

const BETA_ONLY = { betaOnlySegment: 'assignmentFilters' };

export const assignmentFilterRoutes: Route[] = [
  route('GET', SET, list, BETA_ONLY),
  route('GET', `${SET}/{id}`, get, BETA_ONLY),
];
