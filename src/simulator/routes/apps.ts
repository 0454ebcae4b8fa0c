import { APP_TYPE_ROOT, appTypeNames } from '../app-types';
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
import { appAssignmentToV1, appToV1, appVisibleInV1 } from '../views';

/** `deviceAppManagement/mobileApps`: the polymorphic app list, one app, its assignments, assign. */

const BASE = 'deviceAppManagement/mobileApps';

/**
 * Page size 100 without `$top`, at most 999 with it. Intune documents neither; 999 is Graph's
 * common maximum, and a larger `$top` is a 400 here (stricter than silently capping).
 */
const appRules = (version: GraphVersion): CollectionRules => ({
  entity: 'microsoft.graph.mobileApp',
  properties: definedProperties(version, 'mobileApp_response'),
  functions: new Set(['isof', 'startswith'] as const),
  typeNames: appTypeNames(version),
  rootType: APP_TYPE_ROOT,
  expandable: new Set(['assignments']),
  defaultTop: 100,
  maxTop: 999,
});

const assignmentRules = (version: GraphVersion): CollectionRules => ({
  entity: 'microsoft.graph.mobileAppAssignment',
  properties: definedProperties(version, 'mobileAppAssignment'),
  functions: new Set(),
  expandable: new Set(),
  defaultTop: 1000,
  maxTop: 1000,
});

const RULES = { beta: appRules('beta'), 'v1.0': appRules('v1.0') };
const ASSIGNMENT_RULES = { beta: assignmentRules('beta'), 'v1.0': assignmentRules('v1.0') };

function visibleApps(state: SimulatorState, version: GraphVersion): GraphObject[] {
  return version === 'beta' ? state.tenant.apps : state.tenant.apps.filter(appVisibleInV1);
}

/** The app by id as this version sees it (404 when absent, or when v1.0 lacks its type). */
export function findApp(state: SimulatorState, version: GraphVersion, id: string): GraphObject {
  const app = findBy(state.tenant.apps, id);
  if (!app || (version === 'v1.0' && !appVisibleInV1(app))) throw intuneNotFound('mobileApp', id);
  return app;
}

function appView(app: GraphObject, version: GraphVersion): GraphObject {
  return version === 'beta' ? app : appToV1(app);
}

function assignmentsOf(state: SimulatorState, app: GraphObject, version: GraphVersion) {
  const list = state.tenant.appAssignments.get(app.id) ?? [];
  return version === 'beta' ? list : list.map(appAssignmentToV1);
}

function listApps(req: GraphRequest, _params: string[], state: SimulatorState) {
  const rules = RULES[req.version];
  const opts = parseCollectionQuery(req.query, rules);
  // Stricter reading: Microsoft deprecated `$expand=assignments` on the app list ("perform the
  // expansion on individual applications"), so it is refused rather than half-supported.
  if (opts.expand.length > 0) {
    throw badRequest(
      'Listing mobile apps with $expand=assignments is deprecated; list the apps, then expand assignments on individual apps.',
    );
  }
  const items = applyQuery(visibleApps(state, req.version), opts, rules);
  return ok(
    collectionPage(req, items, opts, 'deviceAppManagement/mobileApps', (app) =>
      selectFields(appView(app as GraphObject, req.version), opts.select),
    ),
  );
}

function getApp(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const app = findApp(state, req.version, id as string);
  const { select, expand } = parseEntityQuery(req.query, RULES[req.version]);
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(req, 'deviceAppManagement/mobileApps/$entity'),
    ...selectFields(appView(app, req.version), select),
  };
  if (expand.includes('assignments')) body.assignments = assignmentsOf(state, app, req.version);
  return ok(body);
}

function listAssignments(req: GraphRequest, [id]: string[], state: SimulatorState) {
  const app = findApp(state, req.version, id as string);
  const rules = ASSIGNMENT_RULES[req.version];
  const opts = parseCollectionQuery(req.query, rules);
  const items = applyQuery(assignmentsOf(state, app, req.version), opts, rules);
  const fragment = `deviceAppManagement/mobileApps('${app.id}')/assignments`;
  return ok(collectionPage(req, items, opts, fragment, (a) => selectFields(a, opts.select)));
}

function getAssignment(req: GraphRequest, [id, assignmentId]: string[], state: SimulatorState) {
  const app = findApp(state, req.version, id as string);
  const found = assignmentsOf(state, app, req.version).find((a) => a.id === assignmentId);
  if (!found) throw intuneNotFound('mobileAppAssignment', assignmentId as string);
  const context = odataContext(
    req,
    `deviceAppManagement/mobileApps('${app.id}')/assignments/$entity`,
  );
  return ok({ '@odata.context': context, ...found });
}

function assignApp(req: GraphRequest, [id]: string[], state: SimulatorState) {
  return assign(req, state, 'app', findApp(state, req.version, id as string));
}

export const appRoutes: Route[] = [
  route('GET', BASE, listApps),
  route('GET', `${BASE}/{id}`, getApp),
  route('GET', `${BASE}/{id}/assignments`, listAssignments),
  route('GET', `${BASE}/{id}/assignments/{assignmentId}`, getAssignment),
  route('POST', `${BASE}/{id}/assign`, assignApp),
];
