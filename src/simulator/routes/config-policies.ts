import { CONFIG_TYPE_ROOT, configTypeNames } from '../app-types';
import { assign } from '../assign';
import { badRequest, intuneNotFound } from '../errors';
import type { GraphVersion } from '../graph-schemas';
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
import type { GraphObject } from '../tenant-data';
import { configAssignmentToV1, configToV1, configVisibleInV1 } from '../views';

/**
 * `deviceAppManagement/mobileAppConfigurations`: list (with `$expand=assignments`), one policy,
 * its assignments, and assign on the cast path. The plain `.../{id}/assign` path has answered
 * `400 No method match route template` in the field; `plainConfigAssignFails` reproduces that.
 */

const BASE = 'deviceAppManagement/mobileAppConfigurations';
const CAST = 'microsoft.graph.managedDeviceMobileAppConfiguration';

const policyRules = (version: GraphVersion): CollectionRules => ({
  entity: 'microsoft.graph.managedDeviceMobileAppConfiguration',
  properties: definedProperties(version, 'managedDeviceMobileAppConfiguration_response'),
  functions: new Set(['isof', 'startswith'] as const),
  typeNames: configTypeNames(version),
  rootType: CONFIG_TYPE_ROOT,
  expandable: new Set(['assignments']),
  defaultTop: 100,
  maxTop: 999,
});

const assignmentRules = (version: GraphVersion): CollectionRules => ({
  entity: 'microsoft.graph.managedDeviceMobileAppConfigurationAssignment',
  properties: definedProperties(version, 'managedDeviceMobileAppConfigurationAssignment'),
  functions: new Set(),
  expandable: new Set(),
  defaultTop: 1000,
  maxTop: 1000,
});

const RULES = { beta: policyRules('beta'), 'v1.0': policyRules('v1.0') };
const ASSIGNMENT_RULES = { beta: assignmentRules('beta'), 'v1.0': assignmentRules('v1.0') };

function findPolicy(state: SimulatorState, version: GraphVersion, id: string): GraphObject {
  const policy = findBy(state.tenant.configPolicies, id);
  if (!policy || (version === 'v1.0' && !configVisibleInV1(policy))) {
    throw intuneNotFound('managedDeviceMobileAppConfiguration', id);
  }
  return policy;
}

function assignmentsOf(state: SimulatorState, policy: GraphObject, version: GraphVersion) {
  const list = state.tenant.configAssignments.get(policy.id) ?? [];
  return version === 'beta' ? list : list.map(configAssignmentToV1);
}

function render(
  state: SimulatorState,
  policy: GraphObject,
  version: GraphVersion,
  options: { select?: string[]; expand: string[] },
): Record<string, unknown> {
  const view = version === 'beta' ? policy : configToV1(policy);
  const out: Record<string, unknown> = selectFields(view, options.select);
  if (options.expand.includes('assignments'))
    out.assignments = assignmentsOf(state, policy, version);
  return out;
}

function listPolicies(req: GraphRequest, _params: string[], state: SimulatorState) {
  const rules = RULES[req.version];
  const opts = parseCollectionQuery(req.query, rules);
  const all = state.tenant.configPolicies;
  const visible = req.version === 'beta' ? all : all.filter(configVisibleInV1);
  const items = applyQuery(visible, opts, rules);
  return ok(
    collectionPage(req, items, opts, BASE, (p) =>
      render(state, p as GraphObject, req.version, opts),
    ),
  );
}

function getPolicy(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const policy = findPolicy(state, req.version, id as string);
  const options = parseEntityQuery(req.query, RULES[req.version]);
  return ok({
    '@odata.context': odataContext(req, `${BASE}/$entity`),
    ...render(state, policy, req.version, options),
  });
}

function listAssignments(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const policy = findPolicy(state, req.version, id as string);
  const rules = ASSIGNMENT_RULES[req.version];
  const opts = parseCollectionQuery(req.query, rules);
  const items = applyQuery(assignmentsOf(state, policy, req.version), opts, rules);
  const fragment = `${BASE}('${policy.id}')/assignments`;
  return ok(collectionPage(req, items, opts, fragment, (a) => selectFields(a, opts.select)));
}

function assignCast(req: GraphRequest, [id]: string[], state: SimulatorState) {
  return assign(req, state, 'config', findPolicy(state, req.version, id as string));
}

function assignPlain(req: GraphRequest, params: string[], state: SimulatorState) {
  if (state.settings.plainConfigAssignFails) throw badRequest('No method match route template');
  return assignCast(req, params, state);
}

export const configPolicyRoutes: Route[] = [
  route('GET', BASE, listPolicies),
  route('GET', `${BASE}/{id}`, getPolicy),
  route('GET', `${BASE}/{id}/assignments`, listAssignments),
  route('POST', `${BASE}/{id}/${CAST}/assign`, assignCast),
  route('POST', `${BASE}/{id}/assign`, assignPlain),
];
