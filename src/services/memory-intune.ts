import { randomUUID } from 'node:crypto';
import type { CurrentAssignment, NextEntry } from '../domain/assignment';
import { AppError } from '../domain/errors';
import { MemoryApprovals } from './memory-approvals';
import { byId, copy, posted, search, type MemoryAssignment } from './memory-sets';

export type { MemoryAssignment } from './memory-sets';
import type {
  AppSummary,
  ApprovalStatus,
  AssignmentFilterSummary,
  ConfigPolicySummary,
  IntunePort,
  IntuneVersion,
  ItemForWrite,
  ItemRef,
  ManagedAppConfigSummary,
  PendingWrite,
  WriteOptions,
  WriteResult,
} from './ports/intune';

export interface MemoryIntuneOptions {
  version?: IntuneVersion;
  apps?: AppSummary[];
  policies?: ConfigPolicySummary[];
  managedAppConfigs?: ManagedAppConfigSummary[];
  filters?: AssignmentFilterSummary[];
  /** Assignments by item id. */
  assignments?: Record<string, MemoryAssignment[]>;
  /** The ids of the groups the directory has; without it, every group asked about exists. */
  groups?: string[];
}

const NOT_FOUND = 'That item does not exist in Intune.';

/**
 * The Intune port in memory: the same contract as the Graph adapter (test/contract/
 * intune.contract.ts), for use cases tested without HTTP. A write replaces the whole set, as
 * Graph's assign does; an empty one is refused. `failNextWrites` makes writes end unconfirmed, as
 * a 5xx from Graph does, without applying them; `requireApproval` holds writes for Multi Admin
 * Approval until `decide` approves them and they are replayed.
 */
export class MemoryIntune implements IntunePort {
  readonly version: IntuneVersion;
  private readonly apps: Map<string, AppSummary>;
  private readonly policies: Map<string, ConfigPolicySummary>;
  private readonly managedAppConfigs: Map<string, ManagedAppConfigSummary>;
  private readonly filters: AssignmentFilterSummary[];
  private readonly sets = new Map<string, MemoryAssignment[]>();
  private readonly groups?: Set<string>;
  private unconfirmed = 0;
  private approval = false;
  private readonly approvals = new MemoryApprovals<MemoryAssignment[]>();

  constructor(options: MemoryIntuneOptions = {}) {
    this.version = options.version ?? 'beta';
    this.apps = new Map((options.apps ?? []).map((a) => [a.id.toLowerCase(), copy(a)]));
    this.policies = byId(options.policies);
    this.managedAppConfigs = byId(options.managedAppConfigs);
    this.filters = copy(options.filters ?? []);
    this.groups = options.groups && new Set(options.groups.map((id) => id.toLowerCase()));
    for (const [id, set] of Object.entries(options.assignments ?? {})) {
      this.sets.set(id.toLowerCase(), copy(set));
    }
  }

  /** The next `count` writes fail with `write-unconfirmed` and change nothing. */
  failNextWrites(count = 1): void {
    this.unconfirmed = count;
  }

  /** Multi Admin Approval: from now on every write is held until `decide` approves it. */
  requireApproval(on = true): void {
    this.approval = on;
  }

  /** An Intune administrator's decision on a held write. */
  decide(approvalCode: string, decision: 'approve' | 'reject'): void {
    this.approvals.decide(approvalCode, decision);
  }

  async searchApps(query: string, limit = 25): Promise<AppSummary[]> {
    return search([...this.apps.values()], query, limit, (a) => `${a.name} ${a.publisher}`);
  }

  async getApp(id: string): Promise<AppSummary | undefined> {
    const app = this.apps.get(id.toLowerCase());
    return app && { ...copy(app), assignmentCount: this.setOf(app.id).length };
  }

  async searchConfigPolicies(query: string, limit = 25): Promise<ConfigPolicySummary[]> {
    return search([...this.policies.values()], query, limit, (p) => p.name);
  }

  async getConfigPolicy(id: string): Promise<ConfigPolicySummary | undefined> {
    const policy = this.policies.get(id.toLowerCase());
    return policy && { ...copy(policy), assignmentCount: this.setOf(policy.id).length };
  }

  async searchManagedAppConfigs(query: string, limit = 25): Promise<ManagedAppConfigSummary[]> {
    return search([...this.managedAppConfigs.values()], query, limit, (p) => p.name);
  }

  async getManagedAppConfig(id: string): Promise<ManagedAppConfigSummary | undefined> {
    const policy = this.managedAppConfigs.get(id.toLowerCase());
    return policy && { ...copy(policy), assignmentCount: this.setOf(policy.id).length };
  }

  async listAssignmentFilters(): Promise<AssignmentFilterSummary[]> {
    return this.version === 'beta' ? copy(this.filters) : [];
  }

  async getAssignments(item: ItemRef): Promise<CurrentAssignment<MemoryAssignment>[]> {
    this.assertExists(item);
    return this.setOf(item.id).map((a) => ({
      target: copy(a.target),
      intent: a.intent,
      filter: a.filter && { ...a.filter },
      fromPolicySet: a.fromPolicySet === true,
      unwritable: a.unwritable && [...a.unwritable],
      ...(a.chosenSettings === undefined ? {} : { settings: copy(a.chosenSettings) }),
      payload: copy(a),
    }));
  }

  async readForWrite(
    item: ItemRef,
    options: { groupIds?: readonly string[] } = {},
  ): Promise<ItemForWrite> {
    const groups = [...new Set(options.groupIds ?? [])];
    const missingGroups = groups.filter((id) => this.groups && !this.groups.has(id.toLowerCase()));
    if (!this.exists(item)) return { exists: false, current: [], missingGroups };
    const app = item.kind === 'app' ? await this.getApp(item.id) : undefined;
    return { exists: true, app, current: await this.getAssignments(item), missingGroups };
  }

  async writeAssignments(
    item: ItemRef,
    next: readonly NextEntry[],
    options: WriteOptions,
  ): Promise<WriteResult> {
    this.assertExists(item);
    const set = (next as readonly NextEntry<MemoryAssignment>[]).map((entry) => posted(entry));
    if (set.length === 0 && options.allowEmpty !== true) {
      throw new AppError('empty-set', 'Refusing to post an empty assignment set.');
    }
    await options.beforeAttempt?.();
    if (this.unconfirmed > 0) {
      this.unconfirmed -= 1;
      throw new AppError('write-unconfirmed', 'Intune did not confirm the write (in memory).');
    }
    if (this.approval) {
      const pending = this.approvals.hold(item, set, this.version, options.justification);
      return { status: 'held', pending };
    }
    return { status: 'written', ...this.apply(item, set) };
  }

  async approvalStatus(approvalCode: string): Promise<ApprovalStatus> {
    return this.approvals.status(approvalCode);
  }

  /** Applies a held write once approved, exactly as it was held; refused otherwise. */
  async replay(
    pending: PendingWrite,
    options: { beforeAttempt?: () => Promise<void> } = {},
  ): Promise<{ requestId: string; clientRequestId: string }> {
    const held = this.approvals.approved(pending.approvalCode);
    await options.beforeAttempt?.();
    this.approvals.complete(pending.approvalCode);
    return this.apply(held.item, held.write);
  }

  private apply(item: ItemRef, set: MemoryAssignment[]) {
    this.sets.set(item.id.toLowerCase(), copy(set));
    return { requestId: randomUUID(), clientRequestId: randomUUID() };
  }

  private setOf(id: string): MemoryAssignment[] {
    return this.sets.get(id.toLowerCase()) ?? [];
  }

  private exists(item: ItemRef): boolean {
    const items: Record<ItemRef['kind'], Map<string, unknown>> = {
      app: this.apps,
      configPolicy: this.policies,
      managedAppConfig: this.managedAppConfigs,
    };
    return items[item.kind].has(item.id.toLowerCase());
  }

  private assertExists(item: ItemRef): void {
    if (!this.exists(item)) throw new AppError('not-found', NOT_FOUND);
  }
}
