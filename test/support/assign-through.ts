import { randomUUID } from 'node:crypto';
import type { DiffLine, RequestedAssignment } from '../../src/domain/assignment';
import { AppError } from '../../src/domain/errors';
import type { AssignmentRequest } from '../../src/domain/request';
import type { RunEvent } from '../../src/services/assignment-outcomes';
import { planAssignment } from '../../src/services/assignment-plan';
import { AssignmentWriter } from '../../src/services/assignment-writer';
import { KeyedQueue } from '../../src/services/keyed-queue';
import type {
  IntunePort,
  ItemRef,
  PendingWrite,
  WriteIdentity,
} from '../../src/services/ports/intune';
import type { RequestStore } from '../../src/services/ports/request-store';
import { WriteFences } from '../../src/services/write-fences';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';

/** What one write through the product's write path did, as the tests look at it. */
export interface Assigned {
  status: 'assigned' | 'already-assigned' | 'awaiting-intune-approval';
  /** The diff of the plan made before writing. */
  diff: DiffLine[];
  /** Graph's request id of the applied write. */
  requestId?: string;
  pending?: PendingWrite;
  event: RunEvent;
  request: AssignmentRequest;
  writer: AssignmentWriter;
}

export interface AssignThroughOptions {
  justification: string;
  /** The reviewed diff; a fresh one that differs is refused (`assignments-changed`). */
  expectedDiff?: DiffLine[];
  /** Where write fences are kept (a fresh memory store by default). */
  store?: RequestStore;
  lifetimeMs?: number;
  /** The approver the write runs as (writes as the approver). */
  as?: WriteIdentity;
}

const locks = new WeakMap<IntunePort, KeyedQueue>();

/** A request as the runner would hold it while assigning. */
export function assigningRequest(
  item: ItemRef,
  requested: RequestedAssignment,
  options: Pick<AssignThroughOptions, 'justification' | 'expectedDiff'>,
): AssignmentRequest {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    number: 9001,
    revision: 3,
    status: 'assigning',
    tenantId: 'tenant',
    requester: { id: 'requester', name: 'Requester' },
    item: { kind: item.kind, id: item.id, name: 'The item', type: '', platform: '' },
    target: requested.target,
    targetName: requested.targetName,
    intent: requested.intent,
    filter: requested.filter,
    justification: options.justification,
    diff: options.expectedDiff,
    createdAt: now,
    updatedAt: now,
    attempts: 1,
  };
}

/**
 * Writes `requested` into an item through the product's write path (plan, item lock, write fence,
 * full-set write, check after writing), as the assignment runner does; throws the `AppError` a
 * run would record as failed. Calls on one port share one item lock, as in one bot process.
 */
export async function assignThrough(
  intune: IntunePort,
  item: ItemRef,
  requested: RequestedAssignment,
  options: AssignThroughOptions,
): Promise<Assigned> {
  const plan = await planAssignment(intune, item, requested);
  if (plan.outcome.kind === 'refused') throw new AppError(plan.outcome.code, plan.outcome.message);
  const lock = locks.get(intune) ?? new KeyedQueue(4);
  locks.set(intune, lock);
  const writer = new AssignmentWriter({
    intune,
    locks: lock,
    fences: new WriteFences({
      store: options.store ?? new MemoryRequestStore(),
      lifetimeMs: options.lifetimeMs ?? 2000,
    }),
    signal: new AbortController().signal,
  });
  const request = assigningRequest(item, requested, options);
  const event = await writer.write(request, options.as);
  if (!event) throw new Error('the write was interrupted');
  if (event.type === 'failed' || event.type === 'write-refused')
    throw new AppError('graph-failed', String(event.outcome.error?.message));
  const base = { diff: plan.outcome.diff, event, request, writer };
  if (event.type === 'held') {
    const pending = event.outcome.heldWrite as PendingWrite;
    return { ...base, status: 'awaiting-intune-approval', pending };
  }
  const already = event.outcome.alreadyAssigned === true;
  return {
    ...base,
    status: already ? 'already-assigned' : 'assigned',
    requestId: event.outcome.graphRequestId,
  };
}
