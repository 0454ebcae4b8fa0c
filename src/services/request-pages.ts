import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import type { AssignmentRequest } from '../domain/request';
import type { RequestQuery, RequestStore } from './ports/request-store';

/** What a paged listing filters on; the order, cursor and limit are the pager's. */
export type PagedQuery = Omit<RequestQuery, 'order' | 'afterNumber' | 'limit'>;

/**
 * Every request `query` matches, oldest first, read from the store `pageSize` at a time: a page is
 * read only once the caller has handled the previous one, so a backlog of any size is never held
 * at once, and it starts after the last number seen, so a request the caller left as it was is
 * not met twice. The event loop serves other work (turns) before each request is handed over, so
 * a backlog never blocks it for longer than one request's handling. Drafts (no number) are left
 * out.
 */
export async function* eachRequest(
  store: RequestStore,
  query: PagedQuery,
  pageSize: number,
): AsyncGenerator<AssignmentRequest> {
  let afterNumber: number | undefined;
  for (;;) {
    const page = await store.list({ ...query, order: 'oldest', afterNumber, limit: pageSize });
    for (const request of page) {
      await nextTurnOfTheLoop();
      yield request;
    }
    const last = page[page.length - 1]?.number;
    if (page.length < pageSize || last === undefined) return;
    afterNumber = last;
  }
}
