import type { TableClient, TransactionAction } from '@azure/data-tables';
import { AppError } from '../../domain/errors';
import type { AssignmentRequest } from '../../domain/request';
import type { AuditRecord, SaveResult } from '../../services/ports/request-store';
import { readRow, statusOf } from './table-access';
import { auditEntity, type AuditSequence } from './table-audit';
import { indexEntity, indexKeys, parseJson, requestEntity } from './table-entities';
import { REQUESTS, requestKey } from './table-keys';

/** What a transition needs besides the request: the table and the audit records' order. */
export interface TransitionContext {
  table: TableClient;
  sequence: AuditSequence;
}

/** The stored request and the ETag of its row, or `undefined`. */
export async function readRequest(
  table: TableClient,
  id: string,
): Promise<{ request: AssignmentRequest; etag: string } | undefined> {
  const row = await readRow(table, REQUESTS, requestKey(id));
  return row && { request: parseJson<AssignmentRequest>(row), etag: row.etag };
}

const numberTaken = (request: AssignmentRequest) =>
  new AppError('conflict', `Number ${request.number} already belongs to another request.`);

/**
 * Stores a new request, its index rows and its audit record in one transaction. Every row is a
 * creation, so an existing id (the request row) or number (its row in the index of all requests)
 * fails the whole transaction with 409.
 */
export async function createRequest(
  context: TransitionContext,
  request: AssignmentRequest,
  audit?: AuditRecord,
): Promise<void> {
  const actions: TransactionAction[] = [
    ['create', requestEntity(request)],
    ...indexKeys(request).map((key): TransactionAction => ['create', indexEntity(key, request)]),
  ];
  if (audit) actions.push(['create', auditEntity(audit, context.sequence)]);
  try {
    await context.table.submitTransaction(actions);
  } catch (error) {
    if (statusOf(error) !== 409) throw error;
    if (await readRequest(context.table, request.id)) {
      throw new AppError('conflict', `Request ${request.id} already exists.`);
    }
    throw numberTaken(request);
  }
}

/**
 * The actions of a transition from `current` (read with `etag`) to `next`: the request row
 * replaced on that ETag first, so that a lost race fails there (412); index rows whose key changed
 * deleted and created (a number held by another request fails with 409), the others replaced
 * with the new JSON; then the audit record. At most 14 actions, well under the 100 allowed.
 */
function transitionActions(
  context: TransitionContext,
  transition: { current: AssignmentRequest; etag: string; next: AssignmentRequest },
  audit?: AuditRecord,
): TransactionAction[] {
  const { current, etag, next } = transition;
  const before = new Set(indexKeys(current));
  const after = indexKeys(next);
  const actions: TransactionAction[] = [['update', requestEntity(next), 'Replace', { etag }]];
  for (const key of before) {
    if (!after.includes(key)) actions.push(['delete', { partitionKey: REQUESTS, rowKey: key }]);
  }
  for (const key of after) {
    const row = indexEntity(key, next);
    actions.push(before.has(key) ? ['update', row, 'Replace'] : ['create', row]);
  }
  if (audit) actions.push(['create', auditEntity(audit, context.sequence)]);
  return actions;
}

/**
 * The compare-and-set of a transition: stores `next` only if the stored revision is
 * `next.revision - 1` and the row is unchanged since it was read (its ETag), with its index rows
 * and audit record in the same transaction: all of them or none. A race lost between the read and
 * the write (412) answers with the request as the winner left it.
 */
export async function saveRequest(
  context: TransitionContext,
  next: AssignmentRequest,
  audit?: AuditRecord,
): Promise<SaveResult> {
  const found = await readRequest(context.table, next.id);
  if (!found || found.request.revision !== next.revision - 1) {
    return { ok: false, current: found?.request };
  }
  const transition = { current: found.request, etag: found.etag, next };
  try {
    await context.table.submitTransaction(transitionActions(context, transition, audit));
  } catch (error) {
    const status = statusOf(error);
    if (status === 409) throw numberTaken(next);
    if (status !== 412) throw error;
    return { ok: false, current: (await readRequest(context.table, next.id))?.request };
  }
  return { ok: true, request: JSON.parse(JSON.stringify(next)) as AssignmentRequest };
}
