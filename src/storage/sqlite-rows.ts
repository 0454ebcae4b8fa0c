import type { AssignmentRequest } from '../domain/request';
import type { AuditRecord } from '../services/ports/request-store';
import { tenantKey } from './compare-keys';

/** An `audit` row as SQLite returns it: absent optional fields are `NULL`. */
export interface AuditRow {
  at: string;
  request_id: string;
  display_id: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string | null;
  actor_name: string | null;
  graph_request_id: string | null;
  detail: string | null;
}

/**
 * The `requests` columns of a request: what listings filter and sort on (the tenant as
 * {@link tenantKey} compares it); the whole request is kept in `json`.
 */
export function requestRow(request: AssignmentRequest) {
  return {
    id: request.id,
    number: request.number ?? null,
    revision: request.revision,
    status: request.status,
    requester_id: request.requester.id,
    tenant_id: tenantKey(request.tenantId),
    expires_at: request.expiresAt ?? null,
    created_at: request.createdAt,
    json: JSON.stringify(request),
  };
}

/** The `audit` columns of a record. */
export function auditRow(record: AuditRecord): AuditRow {
  return {
    at: record.at,
    request_id: record.requestId,
    display_id: record.displayId,
    action: record.action,
    from_status: record.from,
    to_status: record.to,
    actor_id: record.actorId ?? null,
    actor_name: record.actorName ?? null,
    graph_request_id: record.graphRequestId ?? null,
    detail: record.detail ?? null,
  };
}

/** A record from its row, without the keys that were `NULL` (as it was written). */
export function auditRecord(row: AuditRow): AuditRecord {
  const record: AuditRecord = {
    at: row.at,
    requestId: row.request_id,
    displayId: row.display_id,
    action: row.action,
    from: row.from_status,
    to: row.to_status,
  };
  if (row.actor_id !== null) record.actorId = row.actor_id;
  if (row.actor_name !== null) record.actorName = row.actor_name;
  if (row.graph_request_id !== null) record.graphRequestId = row.graph_request_id;
  if (row.detail !== null) record.detail = row.detail;
  return record;
}

/** The request stored in a row's `json`, or `undefined` when there was no row. */
export const parseRequest = (row: { json: string } | undefined): AssignmentRequest | undefined =>
  row && (JSON.parse(row.json) as AssignmentRequest);
