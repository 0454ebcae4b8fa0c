import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import type { AssignmentRequest } from '../domain/request';
import type { RequestQuery, RequestStore } from './ports/request-store';

/** What a paged listing filters on; the order, cursor and limit are the pager's. */
export type PagedQuery = Omit<RequestQuery, 'order' | 'afterNumber' | 'limit'>;

/**
 * The requests `query` matches, oldest first, `pageSize` at a time. A page is read only once the
 * caller has handled the previous one, so a backlog of any size is never held at once; the next
 * page starts after the last number seen, so a request the caller left as it was is not met
 * twice. Between pages the event loop serves other work (turns), so a backlog blocks it for a
 * page at most. Drafts, which have no number, are never listed.
 */
export async function* requestPages(
  store: RequestStore,
  query: PagedQuery,
  pageSize: number,
): AsyncGenerator<AssignmentRequest[]> {
  let afterNumber: number | undefined;
  for (;;) {
    const page = await store.list({ ...query, order: 'oldest', afterNumber, limit: pageSize });
    if (page.length > 0) yield page;
    const last = page[page.length - 1]?.number;
    if (page.length < pageSize || last === undefined) return;
    afterNumber = last;
    await nextTurnOfTheLoop();
  }
}
