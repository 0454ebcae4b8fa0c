/**
 * The first `limit` items in `compare` order, without sorting them all: a sorted window of at most
 * `limit` items, each further item placed by binary search or dropped at once when it sorts after
 * the window's last. A listing of 25 out of 20,000 costs a pass over the 20,000, not a sort of
 * them. Equal items keep their input order. Without a limit every item is sorted.
 */
export function firstInOrder<T>(
  items: Iterable<T>,
  compare: (a: T, b: T) => number,
  limit?: number,
): T[] {
  if (limit === undefined) return [...items].sort(compare);
  const window: T[] = [];
  if (limit <= 0) return window;
  for (const item of items) {
    const last = window[window.length - 1];
    if (window.length === limit && last !== undefined && compare(item, last) >= 0) continue;
    let low = 0;
    let high = window.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(window[middle] as T, item) <= 0) low = middle + 1;
      else high = middle;
    }
    window.splice(low, 0, item);
    if (window.length > limit) window.pop();
  }
  return window;
}
