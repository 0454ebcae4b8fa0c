import type { NextEntry } from '../domain/assignment';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type {
  AppSummary,
  ApprovalStatus,
  AssignmentFilterSummary,
  ConfigPolicySummary,
  IntunePort,
  ItemRef,
  ManagedAppConfigSummary,
  PendingWrite,
  WriteOptions,
  WriteResult,
} from '../services/ports/intune';
import { withinTimeBudget } from '../services/time-budget';
import { toAssignBody, type GraphAssignment } from './assignment-mapping';
import type { GraphHttp, GraphVersion } from './graph-http';
import { IntuneReader } from './intune-reader';
import { IntuneWriter } from './intune-writer';

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
 * it. In v1.0 mode, which cannot see assignment filters, an item whose assignments use filters is
 * refused rather than stripped.
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
    await withinTimeBudget(this.reader.apps.ready());
    const found = this.reader.apps.search(query, limit);
    this.reader.fillCounts(found);
    return found;
  }

  getApp(id: string): Promise<AppSummary | undefined> {
    return this.reader.getApp(id);
  }

  async searchConfigPolicies(query: string, limit = 25): Promise<ConfigPolicySummary[]> {
    await withinTimeBudget(this.reader.policies.ready());
    return this.reader.policies.search(query, limit);
  }

  getConfigPolicy(id: string): Promise<ConfigPolicySummary | undefined> {
    return this.reader.getConfigPolicy(id);
  }

  async searchManagedAppConfigs(query: string, limit = 25): Promise<ManagedAppConfigSummary[]> {
    await withinTimeBudget(this.reader.managedAppConfigs.ready());
    return this.reader.managedAppConfigs.search(query, limit);
  }

  getManagedAppConfig(id: string): Promise<ManagedAppConfigSummary | undefined> {
    return this.reader.getManagedAppConfig(id);
  }

  listAssignmentFilters(): Promise<AssignmentFilterSummary[]> {
    return this.reader.listAssignmentFilters();
  }

  async getAssignments(item: ItemRef) {
    if (this.options.version === 'v1.0') await this.refuseLosingFilters(item);
    return this.reader.getAssignments(item);
  }

  writeAssignments(
    item: ItemRef,
    next: readonly NextEntry[],
    options: WriteOptions,
  ): Promise<WriteResult> {
    const version = this.options.version;
    if (version !== 'beta' && next.some((e) => e.kind !== 'keep' && e.requested.filter)) {
      throw new AppError(
        'invalid-request',
        'Assignment filters need the beta Graph API (GRAPH_INTUNE_VERSION=beta).',
      );
    }
    const entries = next as readonly NextEntry<GraphAssignment>[];
    const body = toAssignBody([...entries], { kind: item.kind, appType: options.appType, version });
    if (body.length === 0) {
      throw new AppError('empty-set', 'Refusing to post an empty assignment set.');
    }
    return this.writer.write(item, body, options);
  }

  approvalStatus(approvalCode: string): Promise<ApprovalStatus> {
    return this.writer.approvalStatus(approvalCode);
  }

  replay(
    pending: PendingWrite,
    options: Pick<WriteOptions, 'beforeAttempt'> = {},
  ): Promise<{ requestId: string; clientRequestId: string }> {
    return this.writer.replay(pending, options);
  }

  private async refuseLosingFilters(item: ItemRef): Promise<void> {
    const count = await this.reader.filteredAssignmentCount(item);
    if (count === 0) return;
    throw new AppError(
      'filters-would-be-lost',
      `${count} assignment(s) of this item use assignment filters, which Graph v1.0 cannot see; a v1.0 write would remove them. Use GRAPH_INTUNE_VERSION=beta.`,
    );
  }
}
