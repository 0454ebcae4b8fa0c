import type { CollectionRules } from '../odata';
import type { Route } from '../router';
import { definedProperties } from '../schema-defs';
import { betaReadOnlyCollection } from './read-only-collection';
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

export const assignmentFilterRoutes: Route[] = betaReadOnlyCollection({
  set: SET,
  rules: RULES,
  entityType: 'deviceAndAppManagementAssignmentFilter',
  items: (state) => state.tenant.assignmentFilters,
});
