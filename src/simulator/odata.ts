import { badRequest } from './errors';
import { type FilterNode, type FilterRules, matches, parseFilter } from './odata-filter';
import { decodeSkiptoken } from './paging';

export { collectionPage, selectFields } from './paging';

/**
 * OData query options for collections and single entities: parsing (with Graph's 400s for what
 * is malformed or unsupported), `$filter`/`$orderby`/`$select`, and paging with `$skiptoken`.
 */

/** What a collection allows; `properties` also governs `$select` and `$orderby` when set. */
export interface CollectionRules extends FilterRules {
  expandable: ReadonlySet<string>;
  /** Page size without `$top`. */
  defaultTop: number;
  maxTop: number;
  /** Whether `$search` is understood (the directory route handles it). */
  search?: boolean;
}

export interface QueryOptions {
  select?: string[];
  filter?: FilterNode;
  orderby: { property: string; desc: boolean }[];
  top: number;
  offset: number;
  count: boolean;
  expand: string[];
  search?: string;
}

const COLLECTION_OPTIONS = [
  '$select',
  '$filter',
  '$orderby',
  '$top',
  '$skiptoken',
  '$count',
  '$expand',
  '$search',
];
const ENTITY_OPTIONS = ['$select', '$expand'];

function single(query: URLSearchParams, allowed: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of query) {
    if (!name.startsWith('$')) continue;
    if (!allowed.includes(name)) {
      throw badRequest(`Query option '${name}' is not supported on this resource.`);
    }
    if (out.has(name)) {
      throw badRequest(
        `Query option '${name}' was specified more than once, but it must be specified at most once.`,
      );
    }
    out.set(name, value);
  }
  return out;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badRequest(`Invalid list in query option: '${value}'.`);
  return items;
}

function checkNames(names: string[] | undefined, rules: CollectionRules): void {
  for (const name of names ?? []) {
    if (rules.properties && !rules.properties.has(name)) {
      throw badRequest(`Could not find a property named '${name}' on type '${rules.entity}'.`);
    }
  }
}

function checkExpand(expand: string[], rules: CollectionRules): void {
  for (const name of expand) {
    if (!rules.expandable.has(name)) {
      throw badRequest(
        `Could not find a navigation property named '${name}' on '${rules.entity}'.`,
      );
    }
  }
}

/** `$select` and `$expand` on a single entity. */
export function parseEntityQuery(query: URLSearchParams, rules: CollectionRules) {
  const opts = single(query, ENTITY_OPTIONS);
  const select = list(opts.get('$select'));
  const expand = list(opts.get('$expand')) ?? [];
  checkNames(select, rules);
  checkExpand(expand, rules);
  return { select, expand };
}

/** All collection options; throws a `GraphError` (400) for anything malformed or unsupported. */
export function parseCollectionQuery(query: URLSearchParams, rules: CollectionRules): QueryOptions {
  const opts = single(query, COLLECTION_OPTIONS);
  const { select, expand } = parseEntityQuery(
    new URLSearchParams([...opts].filter(([k]) => ENTITY_OPTIONS.includes(k))),
    rules,
  );
  const search = opts.get('$search');
  if (search !== undefined && !rules.search) {
    throw badRequest(`Query option '$search' is not supported on ${rules.entity}.`);
  }
  const filterText = opts.get('$filter');
  const count = opts.get('$count');
  if (count !== undefined && count !== 'true' && count !== 'false') {
    throw badRequest(`Invalid value '${count}' for query option '$count'; use true or false.`);
  }
  return {
    select,
    expand,
    search,
    filter: filterText === undefined ? undefined : parseFilter(filterText, rules),
    orderby: parseOrderby(opts.get('$orderby'), rules),
    top: parseTop(opts.get('$top'), rules),
    offset: decodeSkiptoken(opts.get('$skiptoken')),
    count: count === 'true',
  };
}

function parseOrderby(value: string | undefined, rules: CollectionRules) {
  return (list(value) ?? []).map((clause) => {
    const m = /^([\w@.]+)(?:\s+(asc|desc))?$/i.exec(clause);
    if (!m?.[1]) throw badRequest(`Invalid $orderby clause '${clause}'.`);
    checkNames([m[1]], rules);
    return { property: m[1], desc: m[2]?.toLowerCase() === 'desc' };
  });
}

function parseTop(value: string | undefined, rules: CollectionRules): number {
  if (value === undefined) return rules.defaultTop;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= rules.maxTop)) {
    throw badRequest(
      `Invalid page size specified: '${value}'. Must be between 1 and ${rules.maxTop} inclusive.`,
    );
  }
  return n;
}

/** Filters and sorts a collection (a new array; the tenant's order is the default order). */
export function applyQuery<T extends Record<string, unknown>>(
  items: readonly T[],
  opts: QueryOptions,
  rules: CollectionRules,
): T[] {
  const filtered = opts.filter
    ? items.filter((item) => matches(opts.filter as FilterNode, item, rules.rootType))
    : [...items];
  if (opts.orderby.length === 0) return filtered;
  return filtered.sort((a, b) => {
    for (const { property, desc } of opts.orderby) {
      const c = compare(a[property], b[property]);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  const x = typeof a === 'string' ? a.toLowerCase() : (a as number);
  const y = typeof b === 'string' ? b.toLowerCase() : (b as number);
  return x < y ? -1 : x > y ? 1 : 0;
}
