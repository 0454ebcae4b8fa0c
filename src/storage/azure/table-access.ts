import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

/** A row as read: its properties, keys and ETag. */
export type Row = TableEntityResult<Record<string, unknown>>;

/** The HTTP status of a failed storage call (`RestError.statusCode`), if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null && 'statusCode' in error
      ? (error as { statusCode: unknown }).statusCode
      : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** One row by its keys, or `undefined` when there is none (404). */
export async function readRow(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<Row | undefined> {
  try {
    return await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Deletes a row; one that is already gone (404) is as good. */
export async function deleteRow(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  etag?: string,
): Promise<void> {
  try {
    await table.deleteEntity(partitionKey, rowKey, etag === undefined ? {} : { etag });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

/** A row-key range of one partition: from `from` (inclusive, or past it) to before `to`. */
export interface KeyRange {
  partitionKey: string;
  from: string;
  fromExclusive?: boolean;
  to?: string;
}

/** The filter of a key range, with `extra` conditions (already `odata`-escaped) on properties. */
export function rangeFilter(range: KeyRange, extra: readonly string[] = []): string {
  const terms = [
    odata`PartitionKey eq ${range.partitionKey}`,
    range.fromExclusive ? odata`RowKey gt ${range.from}` : odata`RowKey ge ${range.from}`,
  ];
  if (range.to !== undefined) terms.push(odata`RowKey lt ${range.to}`);
  return [...terms, ...extra].join(' and ');
}

/** How to read rows: at most `limit`, only those `keep` accepts, pages of about `pageSize`. */
export interface ReadOptions {
  limit?: number;
  keep?: (row: Row) => boolean;
  pageSize?: number;
}

/**
 * The rows a filter selects that `keep` accepts, in key order, at most `limit`. Pages are read as
 * the loop goes (the service's own page is at most 1,000 rows), so a listing stops at its limit.
 */
export async function readRows(
  table: TableClient,
  filter: string,
  options: ReadOptions = {},
): Promise<Row[]> {
  const { limit, keep = () => true } = options;
  const rows: Row[] = [];
  if (limit !== undefined && limit <= 0) return rows;
  const maxPageSize = Math.min(options.pageSize ?? limit ?? 1000, 1000);
  const pages = table.listEntities<Record<string, unknown>>({ queryOptions: { filter } });
  for await (const page of pages.byPage({ maxPageSize })) {
    for (const row of page) {
      if (keep(row)) rows.push(row);
      if (rows.length === limit) return rows;
    }
  }
  return rows;
}
