import type { CurrentAssignment, NextEntry } from '../domain/assignment';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type {
  AppSummary,
  ApprovalStatus,
  AssignmentFilterSummary,
  ConfigPolicySummary,
  IntunePort,
  ItemForWrite,
  ItemRef,
  ManagedAppConfigSummary,
  PendingWrite,
  WriteOptions,
  WriteResult,
} from '../services/ports/intune';
import { toAssignBody, toCurrentAssignment, type GraphAssignment } from './assignment-mapping';
import type { GraphHttp, GraphVersion } from './graph-http';
import { IntuneReader, missingItem } from './intune-reader';
import { IntuneWriter } from './intune-writer';
import { v1Gaps } from './v1-gaps';

/** v1.0 assignments completed from the beta view: policy-set source, filter, what v1.0 drops. */
function completedFromBeta(
  current: CurrentAssignment<GraphAssignment>[],
  beta: GraphAssignment[],
  item: ItemRef,
): CurrentAssignment<GraphAssignment>[] {
  const byId = new Map(beta.map((b) => [b.id, b]));
  return current.map((assignment) => {
    const seen = byId.get(assignment.payload.id);
    if (!seen) return assignment;
    const { fromPolicySet, filter } = toCurrentAssignment(seen);
    return { ...assignment, fromPolicySet, filter, unwritable: v1Gaps(seen, item.kind) };
  });
}

export interface IntuneGraphOptions {
  http: GraphHttp;
  version: GraphVersion;
  logger: Logger;
  catalogRefreshMs: number;
}

/**
 * The Intune port over Graph: cached catalogs, fresh reads of an item's assignments in the version
 * writes use, and writes of a full set (kept assignments verbatim less `id`, `source` and
 * `sourceId`, new ones with the settings their app type needs), never an empty one. Writes carry
 * the Multi Admin Approval justification; a held write comes back with what is needed to replay
 * it. It translates and reports facts; it decides nothing: in v1.0 mode it tells from the beta
 * view what a v1.0 write would lose, and the use case (services/write-version-guard.ts) refuses.
 */
export class IntuneGraph implements IntunePort {
  readonly reader: IntuneReader;
  private readonly writer: IntuneWriter;

  constructor(private readonly options: IntuneGraphOptions) {
    this.reader = new IntuneReader(options);
    this.writer = new IntuneWriter(options);
  }

  /** Loads the catalogs and starts their background refresh. */
  async start(): Promise<void> {
    const { apps, policies, managedAppConfigs } = this.reader;
    await Promise.all([apps.ready(), policies.ready(), managedAppConfigs.ready()]);
    for (const catalog of [apps, policies, managedAppConfigs]) catalog.start();
  }

  stop(): void {
    this.reader.apps.stop();
    this.reader.policies.stop();
    this.reader.managedAppConfigs.stop();
  }

  async searchApps(query: string, limit = 25): Promise<AppSummary[]> {
    const found = this.reader.apps.search(query, limit);
    this.reader.fillCounts(found);
    return found;
  }

  getApp(id: string): Promise<AppSummary | undefined> {
    return this.reader.getApp(id);
  }

  async searchConfigPolicies(query: string, limit = 25): Promise<ConfigPolicySummary[]> {
    return this.reader.policies.search(query, limit);
  }

  getConfigPolicy(id: string): Promise<ConfigPolicySummary | undefined> {
    return this.reader.getConfigPolicy(id);
  }

  async searchManagedAppConfigs(query: string, limit = 25): Promise<ManagedAppConfigSummary[]> {
    return this.reader.managedAppConfigs.search(query, limit);
  }

  getManagedAppConfig(id: string): Promise<ManagedAppConfigSummary | undefined> {
    return this.reader.getManagedAppConfig(id);
  }

  listAssignmentFilters(): Promise<AssignmentFilterSummary[]> {
    return this.reader.listAssignmentFilters();
  }

  get version(): GraphVersion {
    return this.options.version;
  }

  /**
   * The item's assignments in the write version. Under v1.0, which hides `source`, filters and
   * newer settings, each is completed from the beta view: whether it comes from a policy set, its
   * filter, and what a v1.0 re-post would drop (`unwritable`). The service decides what to refuse.
   */
  async getAssignments(item: ItemRef): Promise<CurrentAssignment<GraphAssignment>[]> {
    if (this.options.version === 'beta') return this.reader.getAssignments(item);
    const [current, beta] = await Promise.all([
      this.reader.getAssignments(item),
      this.reader.rawAssignments(item, 'beta'),
    ]);
    return completedFromBeta(current, beta, item);
  }

  /**
   * The item with its assignments and the groups' existence in one `$batch` round trip; under
   * v1.0 the beta view of the assignments is read alongside (a batch speaks one version), so the
   * read still takes one round-trip time.
   */
  async readForWrite(
    item: ItemRef,
    options: { groupIds?: readonly string[] } = {},
  ): Promise<ItemForWrite> {
    const groupIds = options.groupIds ?? [];
    const [{ assignments, ...read }, beta] = await Promise.all([
      this.reader.readForWrite(item, groupIds),
      this.options.version === 'beta'
        ? undefined
        : // A missing item is the batch's to tell (as the service words it), not this read's.
          this.reader.rawAssignments(item, 'beta').catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'not-found') return [];
            throw error;
          }),
    ]);
    const current = assignments.map(toCurrentAssignment);
    return { ...read, current: beta ? completedFromBeta(current, beta, item) : current };
  }

  async writeAssignments(
    item: ItemRef,
    next: readonly NextEntry[],
    options: WriteOptions,
  ): Promise<WriteResult> {
    const version = this.options.version;
    const entries = next as readonly NextEntry<GraphAssignment>[];
    const body = toAssignBody([...entries], { kind: item.kind, appType: options.appType, version });
    if (body.length === 0 && options.allowEmpty !== true) {
      throw new AppError('empty-set', 'Refusing to post an empty assignment set.');
    }
    return this.writer.write(item, body, options).catch((error: unknown) => {
      throw missingItem(error);
    });
  }

  approvalStatus(approvalCode: string): Promise<ApprovalStatus> {
    return this.writer.approvalStatus(approvalCode);
  }

  replay(
    pending: PendingWrite,
    options: Pick<WriteOptions, 'beforeAttempt' | 'as'> = {},
  ): Promise<{ requestId: string; clientRequestId: string }> {
    return this.writer.replay(pending, options);
  }
}
