import type { ApprovalStatus, PendingWrite } from '../services/ports/intune';
import { GraphError } from './graph-error';

/** Intune reads at most this many characters of the decoded justification. */
export const MAX_JUSTIFICATION = 1024;

/** The headers every Intune write carries for Multi Admin Approval. */
export function approvalHeaders(
  justification: string,
  approvalCode?: string,
): Record<string, string> {
  const text = justification.slice(0, MAX_JUSTIFICATION);
  const headers: Record<string, string> = {
    'x-msft-approval-justification': Buffer.from(text, 'utf8').toString('base64'),
  };
  if (approvalCode) headers['x-msft-approval-code'] = approvalCode;
  return headers;
}

/**
 * The approval code when Intune held a write for Multi Admin Approval: documented as `403
 * ApprovalRequired`, with `412` in field reports; the `x-msft-approval-code` header is what counts.
 */
export function approvalCodeOf(error: unknown): string | undefined {
  if (!(error instanceof GraphError)) return undefined;
  if (error.status !== 403 && error.status !== 412) return undefined;
  return error.headers['x-msft-approval-code'];
}

const KNOWN: ApprovalStatus[] = [
  'needsApproval',
  'approved',
  'rejected',
  'cancelled',
  'completed',
  'expired',
];

export function toApprovalStatus(value: unknown): ApprovalStatus {
  return KNOWN.find((s) => s === value) ?? 'unknown';
}

/** Builds the record needed to replay a held write once it is approved. */
export function pendingWrite(
  code: string,
  write: Omit<PendingWrite, 'approvalCode' | 'method'>,
): PendingWrite {
  return { approvalCode: code, method: 'POST', ...write };
}
