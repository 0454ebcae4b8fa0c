import type {
  CurrentAssignment,
  DiffLine,
  MergeOutcome,
  RequestedAssignment,
} from '../../domain/assignment';

import type { ItemKind } from '../../domain/request';

export type { ItemKind };

export interface ItemRef {
  kind: ItemKind;
  id: string;
}

/** An app as shown in search results and cards. */
export interface AppSummary {
  id: string;
  name: string;
  publisher: string;
  /** Graph type without namespace, e.g. `win32LobApp`, `iosVppApp`. */
  appType: string;
  /** Human platform label, e.g. `Windows`, `iOS/iPadOS`, `Android`, `macOS`, `Web`. */
  platform: string;
  published: boolean;
  /** Number of assignments when known (beta `isAssigned` only tells whether there are any). */
  assignmentCount?: number;
  isAssigned?: boolean;
}

/** A managed device app configuration policy as shown in search results and cards. */
export interface ConfigPolicySummary {
  id: string;
  name: string;
  /** Graph type without namespace, e.g. `iosMobileAppConfiguration`. */
  policyType: string;
  platform: string;
  assignmentCount: number;
}

/** An Intune assignment filter (beta only). */
export interface AssignmentFilterSummary {
  id: string;
  name: string;
  platform: string;
  rule: string;
}

/** A write that Intune Multi Admin Approval is holding, enough to replay it byte for byte. */
export interface PendingWrite {
  approvalCode: string;
  method: 'POST';
  /** Path below the version, e.g. `/deviceAppManagement/mobileApps/{id}/assign`. */
  path: string;
  version: 'beta' | 'v1.0';
  body: unknown;
  /** The justification sent Base64-encoded in `x-msft-approval-justification`. */
  justification: string;
  /**
   * The diff the request was reviewed and approved with: when the fresh read gives another one,
   * the assign is refused (`assignments-changed`) instead of writing blindly.
   */
  expectedDiff?: DiffLine[];
}

export type ApprovalStatus =
  'needsApproval' | 'approved' | 'rejected' | 'cancelled' | 'completed' | 'expired' | 'unknown';

/** The outcome of an assign call. */
export type AssignResult =
  | { status: 'assigned'; diff: DiffLine[]; requestId: string; clientRequestId: string }
  | { status: 'already-assigned'; diff: DiffLine[] }
  | { status: 'awaiting-intune-approval'; diff: DiffLine[]; pending: PendingWrite };

export interface AssignOptions {
  /** The request's justification; sent on every write for Multi Admin Approval. */
  justification: string;
  /**
   * The diff the request was reviewed and approved with: when the fresh read gives another one,
   * the assign is refused (`assignments-changed`) instead of writing blindly.
   */
  expectedDiff?: DiffLine[];
}

/** The Intune side of the bot, in domain terms. */
export interface IntunePort {
  /** Searches the cached app catalog in memory; never waits on a full Graph listing. */
  searchApps(query: string, limit?: number): Promise<AppSummary[]>;
  getApp(id: string): Promise<AppSummary | undefined>;
  searchConfigPolicies(query: string, limit?: number): Promise<ConfigPolicySummary[]>;
  getConfigPolicy(id: string): Promise<ConfigPolicySummary | undefined>;
  listAssignmentFilters(): Promise<AssignmentFilterSummary[]>;
  getAssignments(item: ItemRef): Promise<CurrentAssignment[]>;
  /** Reads the current assignments and merges the requested one in, without writing. */
  preview(item: ItemRef, requested: RequestedAssignment): Promise<MergeOutcome>;
  /** Reads, merges and posts the full set (or reports "already assigned" without a write). */
  assign(
    item: ItemRef,
    requested: RequestedAssignment,
    options: AssignOptions,
  ): Promise<AssignResult>;
  /** Status of a Multi Admin Approval request by its approval code. */
  approvalStatus(approvalCode: string): Promise<ApprovalStatus>;
  /** Replays a held write with its approval code once Intune has approved it. */
  replay(pending: PendingWrite): Promise<{ requestId: string; clientRequestId: string }>;
}
