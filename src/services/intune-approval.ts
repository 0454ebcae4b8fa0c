import type { ApprovalStatus, IntunePort, PendingWrite } from './ports/intune';

/** How a write held by Intune Multi Admin Approval ended. */
export type IntuneApprovalOutcome =
  | { outcome: 'applied'; requestId: string; clientRequestId: string }
  /** Intune reports the approved write as done already (replayed before a restart, say). */
  | { outcome: 'completed'; status: ApprovalStatus }
  | { outcome: 'rejected' | 'expired' | 'cancelled'; status: ApprovalStatus }
  | { outcome: 'timeout'; status: ApprovalStatus };

export interface IntuneApprovalOptions {
  pollMs: number;
  timeoutMs: number;
  /** Waits between polls; replaced in tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called with each status read, e.g. to tell the thread it is still waiting. */
  onStatus?: (status: ApprovalStatus) => void;
}

const ENDED: Partial<Record<ApprovalStatus, 'rejected' | 'expired' | 'cancelled'>> = {
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls Intune for the held write's approval request and, once an Intune admin approves it,
 * replays the identical write with the approval code. A chat click cannot approve it: only the
 * Intune admin center can.
 */
export async function completeAfterIntuneApproval(
  intune: Pick<IntunePort, 'approvalStatus' | 'replay'>,
  pending: PendingWrite,
  options: IntuneApprovalOptions,
): Promise<IntuneApprovalOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? wait;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const status = await intune.approvalStatus(pending.approvalCode);
    options.onStatus?.(status);
    if (status === 'approved') return { outcome: 'applied', ...(await intune.replay(pending)) };
    if (status === 'completed') return { outcome: 'completed', status };
    const ended = ENDED[status];
    if (ended) return { outcome: ended, status };
    if (now() + options.pollMs > deadline) return { outcome: 'timeout', status };
    await sleep(options.pollMs);
  }
}
