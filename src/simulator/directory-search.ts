import { GraphError } from './errors';
import type { TenantData } from './tenant-data';

/**
 * Entra ID behaviours the directory routes rely on: `$search` (tokenized, prefix matching, only
 * with `ConsistencyLevel: eventual`) and transitive group membership.
 */

export interface SearchClause {
  property: string;
  term: string;
  /** The term's tokens, each of which must start a token of the value. */
  wanted: string[];
}

/** A parsed `$search`: clauses joined by one operator (`AND` or `OR`). */
export interface SearchQuery {
  clauses: SearchClause[];
  operator: 'AND' | 'OR';
}

const SEARCHABLE = new Set([
  'displayName',
  'description',
  'mail',
  'mailNickname',
  'userPrincipalName',
]);
const CLAUSE = /^"([A-Za-z]+):([^"]*)"$/;

function unsupported(message: string): GraphError {
  return new GraphError(400, 'Request_UnsupportedQuery', message);
}

/** Parses `"displayName:sales"` or several such clauses joined by `AND` / `OR`. */
export function parseSearch(value: string): SearchQuery {
  const parts = value.trim().split(/\s+(AND|OR)\s+(?=")/);
  const operators = new Set(parts.filter((_, i) => i % 2 === 1));
  if (operators.size > 1) throw unsupported('Mixing AND and OR in $search is not supported here.');
  const clauses = parts
    .filter((_, i) => i % 2 === 0)
    .map((part) => {
      const m = CLAUSE.exec(part);
      if (!m?.[1] || m[2] === undefined) {
        throw unsupported(
          `Syntax error in $search '${value}': expected "property:term" clauses in double quotes.`,
        );
      }
      if (!SEARCHABLE.has(m[1])) {
        throw unsupported(`The property '${m[1]}' does not support $search.`);
      }
      return { property: m[1], term: m[2], wanted: tokens(m[2]) };
    });
  return { clauses, operator: operators.has('OR') ? 'OR' : 'AND' };
}

/** Graph's tokenization: words split on spaces, punctuation and lower-to-upper case changes. */
export function tokens(text: string): string[] {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '')
    .map((t) => t.toLowerCase());
}

/**
 * Tokens of one property for every object of a list, built once per list (rebuilt when its
 * length changes): `$search` over a benchmark-scale directory must not re-tokenize per request.
 */
const tokenIndex = new WeakMap<readonly object[], Map<string, (string[] | undefined)[]>>();

function tokensFor(list: readonly Record<string, unknown>[], property: string) {
  let byProperty = tokenIndex.get(list);
  if (!byProperty) {
    byProperty = new Map();
    tokenIndex.set(list, byProperty);
  }
  let column = byProperty.get(property);
  if (!column || column.length !== list.length) {
    column = list.map((obj) => {
      const value = obj[property];
      return typeof value === 'string' ? tokens(value) : undefined;
    });
    byProperty.set(property, column);
  }
  return column;
}

function clauseMatches(words: string[] | undefined, wanted: string[]): boolean {
  if (!words || wanted.length === 0) return false;
  for (const w of wanted) {
    let found = false;
    for (const word of words) {
      if (word.startsWith(w)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** The objects of a list that match: every token of a clause's term starts a token of the value. */
export function searchList<T extends Record<string, unknown>>(
  list: readonly T[],
  query: SearchQuery,
): T[] {
  const columns = query.clauses.map((c) => ({
    wanted: c.wanted,
    column: tokensFor(list, c.property),
  }));
  const any = query.operator === 'OR';
  const out: T[] = [];
  for (let index = 0; index < list.length; index++) {
    let hit = !any;
    for (const { wanted, column } of columns) {
      const ok = clauseMatches(column[index], wanted);
      if (any && ok) hit = true;
      if (!any && !ok) hit = false;
    }
    if (hit) out.push(list[index] as T);
  }
  return out;
}

const parentIndex = new WeakMap<Map<string, string[]>, Map<string, string[]>>();

/** Member id -> ids of the groups it is a direct member of (built once per tenant data). */
function parents(tenant: TenantData): Map<string, string[]> {
  let index = parentIndex.get(tenant.groupMembers);
  if (!index) {
    index = new Map();
    for (const [groupId, members] of tenant.groupMembers) {
      for (const member of members) {
        const list = index.get(member) ?? [];
        list.push(groupId);
        index.set(member, list);
      }
    }
    parentIndex.set(tenant.groupMembers, index);
  }
  return index;
}

/** Every group the object is a member of, directly or through nested groups (cycle-safe). */
export function transitiveGroups(tenant: TenantData, memberId: string): Set<string> {
  const index = parents(tenant);
  const found = new Set<string>();
  const queue = [memberId];
  while (queue.length > 0) {
    const current = queue.pop() as string;
    for (const groupId of index.get(current) ?? []) {
      if (found.has(groupId)) continue;
      found.add(groupId);
      queue.push(groupId);
    }
  }
  return found;
}
