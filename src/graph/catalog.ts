import type { Logger } from '../logger';
import { outsideTimeBudget } from '../services/time-budget';

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

interface Entry<T> {
  item: T;
  haystack: string;
  title: string;
}

/**
 * A list fetched from Graph once, kept in memory, refreshed in the background, and searched in
 * memory, so that a keystroke never waits on a full listing. Until the first load completes,
 * callers wait for it; after that, a failed refresh keeps the previous list and is logged.
 */
export class Catalog<T extends { id: string }> {
  private entries: Entry<T>[] = [];
  private byId = new Map<string, Entry<T>>();
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
    this.entries = items.map((item) => this.entry(item));
    this.byId = new Map(this.entries.map((e) => [e.item.id, e]));
    this.loadedAt = new Date();
    this.options.logger.info(
      { catalog: this.options.name, items: items.length, ms: Date.now() - started },
      'catalog loaded',
    );
  }

  get(id: string): T | undefined {
    return this.byId.get(id)?.item;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Adds or replaces one item, e.g. after a fresh read of it. */
  upsert(item: T): void {
    const entry = this.entry(item);
    const existing = this.byId.get(item.id);
    // In place: no scan of tens of thousands of entries for one changed item.
    if (existing) Object.assign(existing, entry);
    else {
      this.entries.push(entry);
      this.byId.set(item.id, entry);
    }
  }

  /**
   * Items whose text contains every word of the query, best first: title equal to the query,
   * title starting with it, a title word starting with it, then the rest; ties by title.
   */
  search(query: string, limit: number): T[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const q = words.join(' ');
    const hits: { entry: Entry<T>; rank: number }[] = [];
    for (const entry of this.entries) {
      if (words.every((w) => entry.haystack.includes(w)))
        hits.push({ entry, rank: rank(entry.title, q) });
    }
    hits.sort((a, b) => a.rank - b.rank || a.entry.title.localeCompare(b.entry.title));
    return hits.slice(0, limit).map((h) => h.entry.item);
  }

  private entry(item: T): Entry<T> {
    return {
      item,
      haystack: this.options.text(item).toLowerCase(),
      title: this.options.title(item).toLowerCase(),
    };
  }
}

function rank(title: string, query: string): number {
  if (query === '' || title === query) return 0;
  if (title.startsWith(query)) return 1;
  if (title.includes(` ${query}`)) return 2;
  return 3;
}
