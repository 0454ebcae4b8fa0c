import type { AssignmentRequest } from '../../src/domain/request';
import type { AuditRecord } from '../../src/services/ports/request-store';

/** A pending request at revision 1, with what a submitted request holds. */
export function aRequest(overrides: Partial<AssignmentRequest> = {}): AssignmentRequest {
  return {
    id: 'req-a',
    revision: 1,
    status: 'pending',
    tenantId: 'tenant-1',
    requester: { id: 'user-requester', name: 'Rita Requester' },
    item: {
      kind: 'app',
      id: 'app-1',
      name: 'Contoso Notes',
      type: 'win32LobApp',
      platform: 'windows',
    },
    targetName: 'Sales',
    justification: 'Needed for the Q3 rollout',
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:00.000Z',
    submittedAt: '2025-03-01T09:00:00.000Z',
    expiresAt: '2025-03-04T09:00:00.000Z',
    attempts: 0,
    ...overrides,
  };
}

/** The next revision of `request` in `status`, decided by `by`, as a transition would write it. */
export function transition(
  request: AssignmentRequest,
  status: AssignmentRequest['status'],
  by = 'approver-1',
): AssignmentRequest {
  return {
    ...request,
    revision: request.revision + 1,
    status,
    decidedBy: { id: by, name: `Approver ${by}` },
    decidedAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
  };
}

/** The audit record of moving `request` to `to`. */
export function anAudit(
  request: AssignmentRequest,
  to: string,
  overrides: Partial<AuditRecord> = {},
): AuditRecord {
  return {
    at: '2025-03-01T10:00:00.000Z',
    requestId: request.id,
    displayId: request.number === undefined ? request.id : `REQ-${request.number}`,
    action: to,
    from: request.status,
    to,
    actorId: 'approver-1',
    actorName: 'Approver One',
    ...overrides,
  };
}
