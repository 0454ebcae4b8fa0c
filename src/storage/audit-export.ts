import type { AuditRecord } from '../services/ports/request-store';

/** The CSV columns, in order: the record's keys, so a column means what the JSON key means. */
export const AUDIT_CSV_COLUMNS = [
  'at',
  'requestId',
  'displayId',
  'action',
  'from',
  'to',
  'actorId',
  'actorName',
  'graphRequestId',
  'detail',
] as const satisfies readonly (keyof AuditRecord)[];

/**
 * One JSON object per line, each ending in `\n` (empty input gives an empty string): the format
 * log tools and `jq` read a record at a time. JSON escapes newlines, so a record is one line.
 */
export function toJsonLines(records: readonly AuditRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/**
 * One CSV field. Guards against spreadsheet formula injection (OWASP "CSV injection"): a field
 * starting with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets skip
 * before one) is prefixed with `'`, so a justification or display name typed by a user opens as
 * text, never as a formula. Then RFC 4180: a field holding a comma, quote or line break is quoted,
 * with its quotes doubled.
 */
export function csvField(value: string | undefined): string {
  if (value === undefined) return '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV header row: the column names, ending in CRLF. */
export const CSV_HEADER = `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;

/** CSV rows without the header, each ending in CRLF: one page of an export written in pages. */
export function toCsvRows(records: readonly AuditRecord[]): string {
  return records
    .map((record) => `${AUDIT_CSV_COLUMNS.map((key) => csvField(record[key])).join(',')}\r\n`)
    .join('');
}

/**
 * CSV per RFC 4180: a header row, then one row per record, lines ending in CRLF (the RFC's line
 * break, which spreadsheets expect); absent fields are empty.
 */
export function toCsv(records: readonly AuditRecord[]): string {
  return CSV_HEADER + toCsvRows(records);
}
