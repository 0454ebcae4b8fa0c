import type { AuditPage, AuditRecord } from '../services/ports/request-store';

interface StoredRecord {
  at: string;
  json: string;
}

/**
 * The memory store's audit records, kept sorted by time as they are written (records of one
 * instant in write order), as JSON text: a page of the export is two binary searches and a slice.
 */
export class MemoryAuditLog {
  private readonly records: StoredRecord[] = [];

  append(record: AuditRecord): void {
    // Records mostly arrive in time order, so this is nearly always an append at the end.
    const at = this.split(record.at, (stored, at) => stored <= at);
    this.records.splice(at, 0, { at: record.at, json: JSON.stringify(record) });
  }

  /** Records at or after `since`, oldest first, all or the page asked for. */
  since(since: string, page: AuditPage = {}): AuditRecord[] {
    const after = page.after !== undefined && page.after.at >= since ? page.after : undefined;
    const start = this.split(after?.at ?? since, (stored, at) => stored < at) + (after?.seen ?? 0);
    const end = page.limit === undefined ? this.records.length : start + Math.max(0, page.limit);
    return this.records.slice(start, end).map((record) => JSON.parse(record.json) as AuditRecord);
  }

  /** The index of the first record for which `before(its time, at)` is false (a binary search). */
  private split(at: string, before: (stored: string, at: string) => boolean): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before((this.records[middle] as StoredRecord).at, at)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
