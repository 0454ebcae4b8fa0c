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
import type { SimulatorState } from '../state';
import type { GraphObject } from '../tenant-data';

/**
 * The two routes of a read-only, beta-only Intune collection under `deviceManagement/`: the list
 * (`$filter`, `$select`, `$top`, paging, as `rules` allow) and one item by id (Intune's 404 naming
 * `entityType`). v1.0 answers Graph's 400 for the unknown segment.
 */
export function betaReadOnlyCollection(spec: {
  /** e.g. `deviceManagement/roleScopeTags`. */
  set: string;
  rules: CollectionRules;
  /** The type Intune's not-found message names, e.g. `roleScopeTag`. */
  entityType: string;
  items: (state: SimulatorState) => GraphObject[];
}): Route[] {
  const { set, rules } = spec;
  const list = (req: GraphRequest, _params: string[], state: SimulatorState) => {
    const opts = parseCollectionQuery(req.query, rules);
    const items = applyQuery(spec.items(state), opts, rules);
    return ok(collectionPage(req, items, opts, set, (o) => selectFields(o, opts.select)));
  };
  const get = (req: GraphRequest, [id]: string[], state: SimulatorState) => {
    const found = findBy(spec.items(state), id as string);
    if (!found) throw intuneNotFound(spec.entityType, id as string);
    const { select } = parseEntityQuery(req.query, rules);
    return ok({
      '@odata.context': odataContext(req, `${set}/$entity`),
      ...selectFields(found, select),
    });
  };
  const betaOnly = { betaOnlySegment: set.split('/').at(-1) ?? set };
  return [route('GET', set, list, betaOnly), route('GET', `${set}/{id}`, get, betaOnly)];
}
