import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { ApprovalStatus, IntuneVersion, ItemRef, PendingWrite } from './ports/intune';

interface Held<W> {
  item: ItemRef;
  write: W;
  status: ApprovalStatus;
}

/**
 * Multi Admin Approval for the in-memory Intune port: held writes by approval code, an
 * administrator's decision, and the approved write taken once for its replay.
 */
export class MemoryApprovals<W> {
  private readonly held = new Map<string, Held<W>>();

  /** Holds a write; what comes back replays it once approved. */
  hold(item: ItemRef, write: W, version: IntuneVersion, justification: string): PendingWrite {
    const approvalCode = randomUUID();
    this.held.set(approvalCode, { item, write: structuredClone(write), status: 'needsApproval' });
    const path = `/${item.kind}/${item.id}/assign`;
    return { approvalCode, method: 'POST', path, version, body: write, justification };
  }

  decide(approvalCode: string, decision: 'approve' | 'reject'): void {
    const held = this.held.get(approvalCode);
    if (held?.status !== 'needsApproval') {
      throw new AppError('invalid-state', `No write waits for approval under ${approvalCode}.`);
    }
    held.status = decision === 'approve' ? 'approved' : 'rejected';
  }

  status(approvalCode: string): ApprovalStatus {
    return this.held.get(approvalCode)?.status ?? 'unknown';
  }

  /** The held write, when an administrator approved it and it was not replayed yet. */
  approved(approvalCode: string): Held<W> {
    const held = this.held.get(approvalCode);
    if (held?.status !== 'approved') {
      throw new AppError(
        'intune-approval-ended',
        `The write held under ${approvalCode} is not approved, so it was not replayed.`,
      );
    }
    return { ...held, write: structuredClone(held.write) };
  }

  complete(approvalCode: string): void {
    const held = this.held.get(approvalCode);
    if (held) held.status = 'completed';
  }
}
