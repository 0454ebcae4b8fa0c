import { assign } from '../assign';
import { intuneNotFound } from '../errors';
import type { GraphVersion } from '../graph-schemas';
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
import { definedProperties } from '../schema-defs';
import type { SimulatorState } from '../state';
import type { GraphObject } from '../tenant-data';
import { managedAppAssignmentToV1 } from '../views';

/**
 * `deviceAppManagement/targetedManagedAppConfigurations` (app configuration policies for managed
 * apps): list and read with `$expand=apps,assignments`, the assignments, and assign. The official
 * schemas hold the assign body and the assignment type but not the policy itself, so its
 * properties are listed here from Microsoft's resource page.
 */

const BASE = 'deviceAppManagement/targetedManagedAppConfigurations';

const POLICY_PROPERTIES = new Set([
  'id',
  'displayName',
  'description',
  'createdDateTime',
  'lastModifiedDateTime',
  'roleScopeTagIds',
  'version',
  'deployedAppCount',
  'isAssigned',
  'appGroupType',
  'targetedAppManagementLevels',
  'customSettings',
]);

const policyRules: CollectionRules = {
  entity: 'microsoft.graph.targetedManagedAppConfiguration',
  properties: POLICY_PROPERTIES,
  functions: new Set(['startswith'] as const),
  expandable: new Set(['apps', 'assignments']),
  defaultTop: 100,
  maxTop: 999,
};

const assignmentRules = (version: GraphVersion): CollectionRules => ({
  entity: 'microsoft.graph.targetedManagedAppPolicyAssignment',
  properties: definedProperties(version, 'targetedManagedAppPolicyAssignment'),
  functions: new Set(),
  expandable: new Set(),
  defaultTop: 1000,
  maxTop: 1000,
});

const ASSIGNMENT_RULES = { beta: assignmentRules('beta'), 'v1.0': assignmentRules('v1.0') };

function findPolicy(state: SimulatorState, id: string): GraphObject {
  const policy = findBy(state.tenant.managedAppConfigs, id);
  if (!policy) throw intuneNotFound('targetedManagedAppConfiguration', id);
  return policy;
}

function assignmentsOf(state: SimulatorState, policy: GraphObject, version: GraphVersion) {
  const list = state.tenant.managedAppConfigAssignments.get(policy.id) ?? [];
  return version === 'beta' ? list : list.map(managedAppAssignmentToV1);
}

function render(
  state: SimulatorState,
  policy: GraphObject,
  version: GraphVersion,
  options: { select?: string[]; expand: string[] },
): Record<string, unknown> {
  const { apps, ...fields } = policy;
  const out: Record<string, unknown> = selectFields(fields as GraphObject, options.select);
  if (options.expand.includes('apps')) out.apps = apps ?? [];
  if (options.expand.includes('assignments')) {
    out.assignments = assignmentsOf(state, policy, version);
  }
  return out;
}

function listPolicies(req: GraphRequest, _params: string[], state: SimulatorState) {
  const opts = parseCollectionQuery(req.query, policyRules);
  const items = applyQuery(state.tenant.managedAppConfigs, opts, policyRules);
  return ok(
    collectionPage(req, items, opts, BASE, (p) =>
      render(state, p as GraphObject, req.version, opts),
    ),
  );
}

function getPolicy(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const policy = findPolicy(state, id as string);
  const options = parseEntityQuery(req.query, policyRules);
  return ok({
    '@odata.context': odataContext(req, `${BASE}/$entity`),
    ...render(state, policy, req.version, options),
  });
}

function listAssignments(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const policy = findPolicy(state, id as string);
  const rules = ASSIGNMENT_RULES[req.version];
  const opts = parseCollectionQuery(req.query, rules);
  const items = applyQuery(assignmentsOf(state, policy, req.version), opts, rules);
  const fragment = `${BASE}('${policy.id}')/assignments`;
  return ok(collectionPage(req, items, opts, fragment, (a) => selectFields(a, opts.select)));
}

function assignPolicy(req: GraphRequest, [id]: string[], state: SimulatorState) {
  return assign(req, state, 'managedAppConfig', findPolicy(state, id as string));
}

export const managedAppConfigRoutes: Route[] = [
  route('GET', BASE, listPolicies),
  route('GET', `${BASE}/{id}`, getPolicy),
  route('GET', `${BASE}/{id}/assignments`, listAssignments),
  route('POST', `${BASE}/{id}/assign`, assignPolicy),
];
