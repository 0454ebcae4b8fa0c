import { randomBytes } from 'node:crypto';
import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import type { AuditPage, AuditRecord } from '../../services/ports/request-store';
import { rangeFilter, readRows } from './table-access';
import { jsonProperties, parseJson } from './table-entities';
import { afterPrefix, keyPart, REQUESTS } from './table-keys';

const AUDIT_PREFIX = 'au!';

/**
 * The order of audit records of one instant: a number that grows with every record this store
 * writes and tracks the clock (microseconds since 1970), then this store's own random tag. Records
 * of one instant sort in write order from one instance, and by the instances' clocks between
 * instances (the clocks that gave the records their time in the first place).
 */
export class AuditSequence {
  private last = 0;
  private readonly tag = randomBytes(4).toString('hex');

  next(): string {
    this.last = Math.max(this.last + 1, Date.now() * 1000);
    return `${String(this.last).padStart(17, '0')}!${this.tag}`;
  }
}

/**
 * An audit record's row, in the requests' partition so that it is written in the transaction of
 * its transition: keyed by its time (ISO text, which sorts as time does) and then its sequence.
 */
export function auditEntity(record: AuditRecord, sequence: AuditSequence): TableEntity {
  return {
    partitionKey: REQUESTS,
    rowKey: `${AUDIT_PREFIX}${keyPart(record.at)}!${sequence.next()}`,
    at: record.at,
    ...jsonProperties(JSON.stringify(record), `The audit record of ${record.requestId}`),
  };
}

/**
 * Audit records at or after `since`, by key (time, then write order), one page of them: from the
 * cursor's instant, past the records of that instant it has seen, which are the first ones there.
 * Only those records are read and dropped, however far the export has gone.
 */
export async function auditSince(
  table: TableClient,
  since: string,
  page: AuditPage = {},
): Promise<AuditRecord[]> {
  const after = page.after !== undefined && page.after.at >= since ? page.after : undefined;
  const from = after?.at ?? since;
  const range = {
    partitionKey: REQUESTS,
    from: `${AUDIT_PREFIX}${keyPart(from)}`,
    to: afterPrefix(AUDIT_PREFIX),
  };
  let skip = after?.seen ?? 0;
  const keep = (row: Record<string, unknown>): boolean => {
    if (skip === 0 || row.at !== after?.at) return true;
    skip -= 1;
    return false;
  };
  const limit = page.limit === undefined ? undefined : Math.max(0, page.limit);
  const pageSize = limit === undefined ? undefined : limit + skip;
  const filter = rangeFilter(range, [odata`at ge ${from}`]);
  const rows = await readRows(table, filter, { limit, keep, pageSize });
  return rows.map((row) => parseJson<AuditRecord>(row));
}
