/** What the index knows of one catalog entry: its lower-cased searchable text and title. */
export interface IndexedText {
  haystack: string;
  title: string;
}

/** One result: the entry (its place in the catalog's list) and its rank. */
export interface RankedHit {
  entry: number;
  rank: number;
  title: string;
}

/**
 * How well a title matches the query: 0 equal (or an empty query), 1 starts with it, 2 one of its
 * words (after a space) starts with it, 3 anything else that matches.
 */
export function rank(title: string, query: string): number {
  if (query === '' || title === query) return 0;
  if (title.startsWith(query)) return 1;
  if (title.includes(` ${query}`)) return 2;
  return 3;
}

/**
 * The keys of the text at `at`: its first character, and its first two (when there are two), as
 * numbers, so that building the lists allocates no string per word.
 */
function keysAt(text: string, at: number, each: (key: number) => void): void {
  const first = text.charCodeAt(at);
  if (Number.isNaN(first)) return;
  each(first);
  if (at + 1 < text.length) each(65_536 + first * 65_536 + text.charCodeAt(at + 1));
}

/** The key of the lists a query is looked up in (its first two characters, or its one). */
function keyOf(query: string): number {
  let key = -1;
  keysAt(query.slice(0, 2), 0, (k) => (key = k));
  return key;
}

/**
 * Lists of places by key, filled in two passes (count, then fill) so that each list is one
 * Int32Array of its exact size; a place is listed once per key.
 */
function postingLists(size: number, keysOf: (place: number, each: (key: number) => void) => void) {
  const counts = new Map<number, number>();
  const seen = new Map<number, number>();
  const visit = (fill: (key: number, place: number) => void) => {
    seen.clear();
    for (let place = 0; place < size; place += 1) {
      keysOf(place, (key) => {
        if (seen.get(key) === place) return;
        seen.set(key, place);
        fill(key, place);
      });
    }
  };
  visit((key) => counts.set(key, (counts.get(key) ?? 0) + 1));
  const lists = new Map([...counts].map(([key, n]) => [key, new Int32Array(n)]));
  const filled = new Map<number, number>();
  visit((key, place) => {
    const at = filled.get(key) ?? 0;
    filled.set(key, at + 1);
    (lists.get(key) as Int32Array)[at] = place;
  });
  return lists;
}

/**
 * A search index over a catalog, built once per load. Entries are kept in the order users see
 * ties in (title by `localeCompare`, then catalog order), so each rank's best hits are the first
 * found: a binary search for titles equal to the query (rank 0), lists by the first two
 * characters of titles (rank 1) and of their later words (rank 2), and, only when those leave
 * room, a scan of every entry's text joined in one string (rank 3). Searching reads at most as many entries as it must, with no sort.
 * An entry changed since the build is retired here and searched by the catalog on its own.
 */
export class CatalogIndex {
  /** Place (in title order) to catalog entry, and back. */
  private readonly entries: Int32Array;
  private readonly places: Int32Array;
  private readonly titles: string[];
  /** Every haystack, in title order, joined; `starts[p]` is where place `p`'s begins. */
  private readonly text: string;
  private readonly starts: Int32Array;
  private readonly titleStarts: Map<number, Int32Array>;
  private readonly wordStarts: Map<number, Int32Array>;
  private readonly retired: Uint8Array;

  constructor(texts: readonly IndexedText[]) {
    const order = texts.map((_, i) => i);
    order.sort((a, b) => (texts[a]?.title ?? '').localeCompare(texts[b]?.title ?? ''));
    this.entries = Int32Array.from(order);
    this.places = new Int32Array(texts.length);
    this.starts = new Int32Array(texts.length + 1);
    this.retired = new Uint8Array(texts.length);
    this.titles = order.map((entry) => texts[entry]?.title ?? '');
    const haystacks: string[] = [];
    let offset = 0;
    order.forEach((entry, place) => {
      const haystack = texts[entry]?.haystack ?? '';
      this.places[entry] = place;
      this.starts[place] = offset;
      offset += haystack.length + 1;
      haystacks.push(haystack);
    });
    this.starts[texts.length] = offset;
    this.text = haystacks.join('\n');
    this.titleStarts = postingLists(this.size, (place, each) =>
      keysAt(this.titles[place] ?? '', 0, each),
    );
    this.wordStarts = postingLists(this.size, (place, each) => {
      const title = this.titles[place] ?? '';
      for (let at = title.indexOf(' ') + 1; at > 0; at = title.indexOf(' ', at) + 1)
        keysAt(title, at, each);
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /** True when the index holds entry `entry` (not retired) with exactly this text. */
  holds(entry: number, text: IndexedText): boolean {
    const place = this.places[entry];
    if (place === undefined || entry >= this.size || this.retired[place]) return false;
    const start = this.starts[place] ?? 0;
    const length = (this.starts[place + 1] ?? 0) - 1 - start;
    return (
      this.titles[place] === text.title &&
      text.haystack.length === length &&
      this.text.startsWith(text.haystack, start)
    );
  }

  /** Leaves entry `entry` out of every search from now on (its text changed). */
  retire(entry: number): void {
    const place = this.places[entry];
    if (place !== undefined && entry < this.size) this.retired[place] = 1;
  }

  /**
   * The best `limit` entries containing every word (lower-cased, none empty) of `query` (the
   * words joined by one space), by rank then title then catalog order.
   */
  search(words: readonly string[], query: string, limit: number): RankedHit[] {
    const hits: RankedHit[] = [];
    const take = (place: number, rankOfIt: number) => {
      const title = this.titles[place] ?? '';
      if (this.retired[place] || rank(title, query) !== rankOfIt) return;
      if (this.matches(place, words))
        hits.push({ entry: this.entries[place] ?? 0, rank: rankOfIt, title });
    };
    if (query === '') {
      for (let place = 0; place < this.size && hits.length < limit; place += 1) take(place, 0);
      return hits;
    }
    for (let place = this.firstAtOrAfter(query); place < this.size; place += 1) {
      const title = this.titles[place] ?? '';
      if (hits.length >= limit || title.localeCompare(query) !== 0) break;
      take(place, 0);
    }
    for (const [lists, rankOfIt] of [
      [this.titleStarts, 1],
      [this.wordStarts, 2],
    ] as const) {
      for (const place of lists.get(keyOf(query)) ?? []) {
        if (hits.length >= limit) return hits;
        take(place, rankOfIt);
      }
    }
    if (hits.length < limit) this.scan(words, (place) => (take(place, 3), hits.length < limit));
    return hits;
  }

  /**
   * Calls `visit` for each place whose text holds the longest of `words`, in order, while it
   * returns true: one `indexOf` over the joined text finds the next such place.
   */
  private scan(words: readonly string[], visit: (place: number) => boolean): void {
    const word = words.reduce((a, b) => (b.length > a.length ? b : a), '');
    let place = 0;
    for (let at = this.text.indexOf(word); at >= 0;) {
      place = this.placeAt(at, place);
      const end = (this.starts[place + 1] ?? 0) - 1;
      if (at + word.length <= end && !visit(place)) return;
      at = this.text.indexOf(word, at + word.length <= end ? end + 1 : at + 1);
    }
  }

  /** The first place whose title does not sort before `query` (titles equal to it follow). */
  private firstAtOrAfter(query: string): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.titles[middle] ?? '').localeCompare(query) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The place whose text contains offset `at` (at or after `from`). */
  private placeAt(at: number, from: number): number {
    let low = from;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private matches(place: number, words: readonly string[]): boolean {
    if (words.length === 0) return true;
    const haystack = this.text.slice(this.starts[place], (this.starts[place + 1] ?? 0) - 1);
    return words.every((word) => haystack.includes(word));
  }
}
