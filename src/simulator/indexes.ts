import type { GraphObject } from './tenant-data';

/**
 * Case-insensitive lookups by id (or another key) over the tenant's lists, built once per list
 * and rebuilt when its length changes, so a benchmark-scale tenant answers by id in O(1).
 */

type Index = { size: number; map: Map<string, GraphObject> };

const indexes = new WeakMap<readonly GraphObject[], Map<string, Index>>();

function build(list: readonly GraphObject[], key: string): Index {
  const map = new Map<string, GraphObject>();
  for (const obj of list) {
    const value = obj[key];
    if (typeof value === 'string' && !map.has(value.toLowerCase()))
      map.set(value.toLowerCase(), obj);
  }
  return { size: list.length, map };
}

/** The first object whose `key` (default `id`) equals `value`, ignoring case. */
export function findBy(
  list: readonly GraphObject[],
  value: string,
  key = 'id',
): GraphObject | undefined {
  let byKey = indexes.get(list);
  if (!byKey) {
    byKey = new Map();
    indexes.set(list, byKey);
  }
  let index = byKey.get(key);
  if (!index || index.size !== list.length) {
    index = build(list, key);
    byKey.set(key, index);
  }
  return index.map.get(value.toLowerCase());
}
