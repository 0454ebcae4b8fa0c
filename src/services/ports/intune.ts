import type { CurrentAssignment, NextEntry } from '../../domain/assignment';

import type { ItemKind, Person } from '../../domain/request';

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

/**
 * An app configuration policy for managed apps (`targetedManagedAppConfiguration`), shown like a
 * managed device one: `policyType` is `targetedManagedAppConfiguration`.
 */
export type ManagedAppConfigSummary = ConfigPolicySummary;

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
  version: IntuneVersion;
  body: unknown;
  /** The justification sent Base64-encoded in `x-msft-approval-justification`. */
  justification: string;
  /**
   * The assignments the held write was merged from (see `shapesOf`): the identical write is
   * replayed only while Intune still holds exactly these, since it would undo any change since.
   */
  base?: string[];
  /** The shapes the set has once the write is applied: checked after the replay. */
  expected?: string[];
}

/** The Graph API version Intune is written with: v1.0 cannot express filters and newer settings. */
export type IntuneVersion = 'beta' | 'v1.0';

export type ApprovalStatus =
  'needsApproval' | 'approved' | 'rejected' | 'cancelled' | 'completed' | 'expired' | 'unknown';

/** How a write of a full set ended: applied (Graph's ids), or held by Multi Admin Approval. */
export type WriteResult =
  | { status: 'written'; requestId: string; clientRequestId: string }
  | { status: 'held'; pending: PendingWrite };

/**
 * Whose Intune rights a write uses when it runs as the approver (`GRAPH_WRITE_AS=approver`): the
 * person, and their delegated token for Graph, obtained for this write and never stored.
 */
export interface WriteIdentity {
  user: Person;
  token(): Promise<string>;
}

export interface WriteOptions {
  /** The request's justification; sent on every write for Multi Admin Approval. */
  justification: string;
  /** Graph type of the app (e.g. `win32LobApp`): a new include gets its settings type. */
  appType: string;
  /**
   * True only for a reviewed, explicit removal of the item's last assignments: the one case where
   * the set posted may be empty. Every other write of an empty set is refused.
   */
  allowEmpty?: boolean;
  /** Runs before each attempt leaves for Graph: the write fence records it there. */
  beforeAttempt?: () => Promise<void>;
  /** The approver the write runs as; the bot's own identity when absent. */
  as?: WriteIdentity;
}

/**
 * What a write of an item is planned from, read afresh in one round trip: the item, its
 * assignments, and whether the groups it is to be assigned to still exist.
 */
export interface ItemForWrite {
  /** False when Intune no longer has the item (its assignments are then empty). */
  exists: boolean;
  /** The app as read, for an app that exists. */
  app?: AppSummary;
  /** The item's assignments, exactly as `getAssignments` reads them. */
  current: CurrentAssignment[];
  /** The groups asked about that Entra ID no longer has. */
  missingGroups: string[];
}

/**
 * The Intune side of the bot: reading items and their assignments, and writing a full set. The
 * rules (what may be assigned, the merge, the write fence, the check after a write) are the use
 * cases'; the port reads and writes.
 */
export interface IntunePort {
  /** The version writes use (and reads, so that a re-post is what was read). */
  readonly version: IntuneVersion;
  /** Searches the cached app catalog in memory; never waits on a full Graph listing. */
  searchApps(query: string, limit?: number): Promise<AppSummary[]>;
  getApp(id: string): Promise<AppSummary | undefined>;
  searchConfigPolicies(query: string, limit?: number): Promise<ConfigPolicySummary[]>;
  getConfigPolicy(id: string): Promise<ConfigPolicySummary | undefined>;
  searchManagedAppConfigs(query: string, limit?: number): Promise<ManagedAppConfigSummary[]>;
  getManagedAppConfig(id: string): Promise<ManagedAppConfigSummary | undefined>;
  listAssignmentFilters(): Promise<AssignmentFilterSummary[]>;
  /**
   * The item's assignments as they stand, read afresh in the version writes use, each with the
   * facts that version may hide: whether it comes from a policy set, its filter, and what a write
   * in that version could not carry (`unwritable`). The service decides what to refuse.
   */
  getAssignments(item: ItemRef): Promise<CurrentAssignment[]>;
  /**
   * The item, its assignments (as `getAssignments`) and which of `groupIds` no longer exist, in one
   * read (over Graph: one `$batch` round trip, with the beta view alongside under v1.0). It
   * reports; the use case decides what a missing item or group refuses.
   */
  readForWrite(item: ItemRef, options?: { groupIds?: readonly string[] }): Promise<ItemForWrite>;
  /**
   * Posts the full set `next` (kept entries verbatim, less the read-only fields): never an empty
   * one unless `options.allowEmpty`. A timeout or 5xx fails with `write-unconfirmed`: the write may still land.
   */
  writeAssignments(
    item: ItemRef,
    next: readonly NextEntry[],
    options: WriteOptions,
  ): Promise<WriteResult>;
  /** Status of a Multi Admin Approval request by its approval code. */
  approvalStatus(approvalCode: string): Promise<ApprovalStatus>;
  /** Replays a held write with its approval code once Intune has approved it. */
  replay(
    pending: PendingWrite,
    options?: Pick<WriteOptions, 'beforeAttempt' | 'as'>,
  ): Promise<{ requestId: string; clientRequestId: string }>;
}
