import type { SearchInvokeResponse, SearchInvokeValue } from 'botbuilder';
import { DATASETS, groupOptionTitle, itemOptionTitle, MAX_RESULTS } from '../cards';
import { toldAs } from '../domain/errors';
import type { ItemKind } from '../domain/request';
import type { Actor, Services } from '../services';
import { itemOptions } from './wizard-view';

/** The item kind each item-search dataset searches. */
const ITEM_DATASETS: Record<string, ItemKind | undefined> = {
  [DATASETS.apps]: 'app',
  [DATASETS.configPolicies]: 'configPolicy',
  [DATASETS.managedAppConfigs]: 'managedAppConfig',
};

/**
 * Answers Teams' typeahead (`application/search` invokes from `Data.Query` choice sets) from the
 * cached app catalog and the directory: a keystroke never waits on a full Graph listing, nor on
 * the catalog's first load (the answer then says it is loading).
 */
export class SearchHandler {
  constructor(private readonly services: Services) {}

  async answer(value: SearchInvokeValue, _actor: Actor): Promise<SearchInvokeResponse> {
    const query = String(value.queryText ?? '').slice(0, 100);
    const top = Math.min(Math.max(Number(value.queryOptions?.top) || MAX_RESULTS, 1), MAX_RESULTS);
    if (value.dataset === DATASETS.groups) {
      const groups = await this.services.wizard.searchGroups(query, top);
      if (!groups.ok) return this.refuse(groups.error.message);
      return this.results(groups.value.map((g) => ({ title: groupOptionTitle(g), value: g.id })));
    }
    const kind = ITEM_DATASETS[String(value.dataset)];
    if (kind !== undefined) {
      const items = await this.services.wizard.searchItems(kind, query, top);
      // The choice set shows results only: a list still loading is told as the one result.
      if (!items.ok && items.error.code === 'catalog-loading')
        return this.results([{ title: toldAs('catalog-loading') ?? '', value: '' }]);
      if (!items.ok) return this.refuse(items.error.message);
      return this.results(
        itemOptions(items.value).map((o) => ({ title: itemOptionTitle(o), value: o.id })),
      );
    }
    return this.refuse(`Unknown search dataset '${String(value.dataset).slice(0, 40)}'.`);
  }

  refuse(message: string): SearchInvokeResponse {
    return {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message },
    } as unknown as SearchInvokeResponse;
  }

  private results(results: { title: string; value: string }[]): SearchInvokeResponse {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results },
    } as unknown as SearchInvokeResponse;
  }
}
