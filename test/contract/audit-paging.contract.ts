import {
  auditCursorAfter,
  type AuditCursor,
  type AuditRecord,
  type RequestStore,
} from '../../src/services/ports/request-store';
import { aRequest, anAudit } from './request-fixtures';

const SINCE = '2025-01-01T00:00:00.000Z';
const at = (hour: number) => `2025-03-01T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * The paged audit export, part of the `RequestStore` contract run against every backend: pages
 * joined give the export read at once, and a cursor is not moved by later writes.
 */
export function describeAuditPagingContract(store: () => RequestStore): void {
  describe('the audit export in pages', () => {
    let written = 0;
    const write = async (hour: number) => {
      written += 1;
      const request = aRequest({ id: `r${written}` });
      await store().create(
        request,
        anAudit(request, 'pending', { at: at(hour), detail: `${written}` }),
      );
    };
    const readAll = async (limit: number, from?: AuditCursor) => {
      const pages: AuditRecord[][] = [];
      let after = from;
      // Bounded, so a cursor that does not move fails the test instead of looping for ever.
      for (let read = 0; read < 50; read += 1) {
        const page = await store().auditSince(SINCE, { limit, after });
        if (page.length === 0) return { pages, after };
        pages.push(page);
        after = auditCursorAfter(page, after);
      }
      throw new Error('The export did not end within 50 pages.');
    };
    const details = (records: AuditRecord[]) => records.map((record) => record.detail);

    beforeEach(async () => {
      written = 0;
      for (const hour of [9, 10, 10, 10, 11, 8, 12]) await write(hour);
    });

    test('pages joined give the records read at once, by time then in write order', async () => {
      const whole = await store().auditSince(SINCE);
      expect(details(whole)).toEqual(['6', '1', '2', '3', '4', '5', '7']);
      for (const limit of [1, 2, 3, 7, 100]) {
        const { pages } = await readAll(limit);
        expect(pages.flat()).toEqual(whole);
        expect(pages.every((page) => page.length <= limit)).toBe(true);
      }
    });

    test('a cursor stays in place when records are written after it', async () => {
      const first = await store().auditSince(SINCE, { limit: 3 });
      expect(details(first)).toEqual(['6', '1', '2']);
      const cursor = auditCursorAfter(first);
      expect(cursor).toEqual({ at: at(10), seen: 1 });

      await write(10);
      await write(7);
      const { pages } = await readAll(2, cursor);

      expect(details(pages.flat())).toEqual(['3', '4', '8', '5', '7']);
    });

    test('a page never holds more than its limit and an empty one ends the export', async () => {
      expect(await store().auditSince(SINCE, { limit: 0 })).toEqual([]);
      expect(details(await store().auditSince(at(11), { limit: 5 }))).toEqual(['5', '7']);
      const end = { at: at(12), seen: 1 };
      expect(await store().auditSince(SINCE, { limit: 5, after: end })).toEqual([]);
    });
  });
}
