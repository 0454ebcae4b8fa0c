import type { Logger } from '../logger';
import { AppError } from '../domain/errors';
import { outsideTimeBudget } from '../services/time-budget';
import { CatalogIndex, rank, type IndexedText } from './catalog-index';

export interface CatalogOptions<T> {
  name: string;
  /** Loads the whole list from Graph (paged). */
  load: () => Promise<T[]>;
  /** The text a query is matched against, e.g. name and publisher. */
  text: (item: T) => string;
  /** The text ranked first: an exact or prefix match on it wins. */
  title: (item: T) => string;
  refreshMs: number;
  logger: Logger;
}

/** Entries changed or added since the last load before the index is rebuilt with them. */
const MAX_CHANGED = 500;

/**
 * A list fetched from Graph once, kept in memory, refreshed in the background, and searched in
 * memory through an index built at each load, so that a keystroke never waits on a full listing.
 * Until the first load completes, a search answers at once that the list is loading (and starts
 * the load); after that, a failed refresh keeps the previous list and is logged.
 */
export class Catalog<T extends { id: string }> {
  private items: T[] = [];
  private byId = new Map<string, number>();
  private index = new CatalogIndex([]);
  /** The text of entries upserted since the index was built with a different one, or none. */
  private changed = new Map<number, IndexedText>();
  private firstLoad?: Promise<void>;
  private timer?: NodeJS.Timeout;
  loadedAt?: Date;

  constructor(private readonly options: CatalogOptions<T>) {}

  /**
   * Resolves once the list has been loaded at least once. The load runs outside any turn's time
   * budget: a turn that waits for it stops waiting at its deadline, the load goes on.
   */
  ready(): Promise<void> {
    this.firstLoad ??= outsideTimeBudget(() => this.refresh()).catch((error: unknown) => {
      this.firstLoad = undefined;
      throw error;
    });
    return this.firstLoad;
  }

  /** Starts the background refresh (the timer does not keep the process alive). */
  start(): void {
    this.timer ??= setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.options.logger.warn(
          { err: error, catalog: this.options.name },
          'catalog refresh failed; keeping the previous list',
        ),
      );
    }, this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reloads the whole list from Graph and swaps it in at once. */
  async refresh(): Promise<void> {
    const started = Date.now();
    const items = await this.options.load();
    const index = new CatalogIndex(items.map((item) => this.textOf(item)));
    this.items = items;
    this.byId = new Map(items.map((item, i) => [item.id, i]));
    this.index = index;
    this.changed = new Map();
    this.loadedAt = new Date();
    this.options.logger.info(
      { catalog: this.options.name, items: items.length, ms: Date.now() - started },
      'catalog loaded',
    );
  }

  get(id: string): T | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  get size(): number {
    return this.items.length;
  }

  /** Adds or replaces one item, e.g. after a fresh read of it. */
  upsert(item: T): void {
    const text = this.textOf(item);
    let i = this.byId.get(item.id);
    // In place: no scan of tens of thousands of entries for one changed item.
    if (i !== undefined) this.items[i] = item;
    else {
      i = this.items.push(item) - 1;
      this.byId.set(item.id, i);
    }
    if (!this.changed.has(i) && this.index.holds(i, text)) return;
    this.index.retire(i);
    this.changed.set(i, text);
    if (this.changed.size > MAX_CHANGED) this.reindex();
  }

  /**
   * Items whose text contains every word of the query, best first: title equal to the query,
   * title starting with it, a title word starting with it, then the rest; ties by title (by
   * `localeCompare`), then in the order of the list. Fails with `catalog-loading` before the first
   * load has completed, and starts it.
   */
  search(query: string, limit: number): T[] {
    if (!this.loadedAt) {
      this.ready().catch((error: unknown) =>
        this.options.logger.warn({ err: error, catalog: this.options.name }, 'catalog load failed'),
      );
      throw new AppError('catalog-loading', `The ${this.options.name} are still loading.`);
    }
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const q = words.join(' ');
    const hits = this.index.search(words, q, limit);
    if (this.changed.size > 0) {
      for (const [entry, { haystack, title }] of this.changed) {
        if (words.every((w) => haystack.includes(w)))
          hits.push({ entry, rank: rank(title, q), title });
      }
      hits.sort((a, b) => a.rank - b.rank || a.title.localeCompare(b.title) || a.entry - b.entry);
    }
    return hits.slice(0, limit).map((hit) => this.items[hit.entry] as T);
  }

  /** Builds the index again over the list as it stands, changed entries included. */
  private reindex(): void {
    this.index = new CatalogIndex(this.items.map((item) => this.textOf(item)));
    this.changed = new Map();
  }

  private textOf(item: T): IndexedText {
    return {
      haystack: this.options.text(item).toLowerCase(),
      title: this.options.title(item).toLowerCase(),
    };
  }
}
