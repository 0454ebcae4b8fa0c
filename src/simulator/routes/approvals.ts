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
import { route, type Route } from '../router';
import { definedProperties } from '../schema-defs';
import type { SimulatorState } from '../state';

/**
 * Beta only: `deviceManagement/operationApprovalRequests`, the Multi Admin Approval requests a
 * client polls by approval code (`$filter=id eq '...'` or by id). The held write is never shown.
 */

const SET = 'deviceManagement/operationApprovalRequests';

const RULES: CollectionRules = {
  entity: 'microsoft.graph.operationApprovalRequest',
  properties: definedProperties('beta', 'operationApprovalRequest_response'),
  functions: new Set(),
  expandable: new Set(),
  defaultTop: 100,
  maxTop: 999,
};

function list(req: GraphRequest, _params: string[], state: SimulatorState) {
  const opts = parseCollectionQuery(req.query, RULES);
  const items = applyQuery(
    state.approvals.list().map((r) => r.request),
    opts,
    RULES,
  );
  return ok(collectionPage(req, items, opts, SET, (r) => selectFields(r, opts.select)));
}

function get(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const record = state.approvals.get(id as string);
  if (!record) throw intuneNotFound('operationApprovalRequest', id as string);
  const { select } = parseEntityQuery(req.query, RULES);
  return ok({
    '@odata.context': odataContext(req, `${SET}/$entity`),
    ...selectFields(record.request, select),
  });
}

const BETA_ONLY = { betaOnlySegment: 'operationApprovalRequests' };

export const approvalRoutes: Route[] = [
  route('GET', SET, list, BETA_ONLY),
  route('GET', `${SET}/{id}`, get, BETA_ONLY),
];
