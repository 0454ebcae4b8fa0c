import type { ApprovalStatus, IntunePort } from './ports/intune';

/** How Intune Multi Admin Approval decided a held write, or that the bot stopped waiting. */
export type IntuneDecision =
  'approved' | 'completed' | 'rejected' | 'expired' | 'cancelled' | 'timeout';

export interface IntuneApprovalOptions {
  pollMs: number;
  timeoutMs: number;
  /** Waits between polls; replaced in tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called with each status read, e.g. to tell the thread it is still waiting. */
  onStatus?: (status: ApprovalStatus) => void;
}

const ENDED: Partial<Record<ApprovalStatus, IntuneDecision>> = {
  approved: 'approved',
  completed: 'completed',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls Intune for a held write's approval request until an Intune administrator decides it (in
 * the Intune admin center; a chat click cannot) or `timeoutMs` passes. Replaying the write once
 * approved is the caller's, behind the item's write fence.
 */
export async function waitForIntuneDecision(
  intune: Pick<IntunePort, 'approvalStatus'>,
  approvalCode: string,
  options: IntuneApprovalOptions,
): Promise<IntuneDecision> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? wait;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const status = await intune.approvalStatus(approvalCode);
    options.onStatus?.(status);
    const decided = ENDED[status];
    if (decided) return decided;
    if (now() + options.pollMs > deadline) return 'timeout';
    await sleep(options.pollMs);
  }
}
