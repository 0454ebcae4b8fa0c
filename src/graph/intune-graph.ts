import type { DiffLine, MergeOutcome, RequestedAssignment } from '../domain/assignment';
import { AppError } from '../domain/errors';
import { allowedIntents } from '../domain/intents';
import { mergeAssignment } from '../domain/merge';
import type { Logger } from '../logger';
import { withinTimeBudget } from '../services/time-budget';
import type {
  AppSummary,
  ApprovalStatus,
  AssignOptions,
  AssignResult,
  AssignmentFilterSummary,
  ConfigPolicySummary,
  IntunePort,
  ItemRef,
  PendingWrite,
} from '../services/ports/intune';
import { toAssignBody, type BodyContext, type GraphAssignment } from './assignment-mapping';
import type { GraphHttp, GraphVersion } from './graph-http';
import { IntuneReader } from './intune-reader';
import { IntuneWriter } from './intune-writer';
import { KeyedQueue } from './keyed-queue';

export interface IntuneGraphOptions {
  http: GraphHttp;
  version: GraphVersion;
  logger: Logger;
  catalogRefreshMs: number;
  /** Items written at once; writes to one item are always one at a time. */
  writeConcurrency?: number;
}

interface Prepared {
  outcome: MergeOutcome<GraphAssignment>;
  ctx: BodyContext;
}

/**
 * The Intune port over Graph. Every assign reads the current set in the version it writes with,
 * merges the request in (src/domain/merge), and posts the full set with every other assignment
 * verbatim; it never posts an empty set, refuses policy-set items, and makes no write for a
 * request that is already assigned. Writes carry the Multi Admin Approval justification; a held
 * write comes back as `awaiting-intune-approval` with what is needed to replay it.
 */
export class IntuneGraph implements IntunePort {
  readonly reader: IntuneReader;
  private readonly queue: KeyedQueue;
  private readonly writer: IntuneWriter;

  constructor(private readonly options: IntuneGraphOptions) {
    this.reader = new IntuneReader(options);
    this.queue = new KeyedQueue(options.writeConcurrency ?? 4);
    this.writer = new IntuneWriter(options);
  }

  /** Loads the catalogs and starts their background refresh. */
  async start(): Promise<void> {
    await Promise.all([this.reader.apps.ready(), this.reader.policies.ready()]);
    this.reader.apps.start();
    this.reader.policies.start();
  }

  stop(): void {
    this.reader.apps.stop();
    this.reader.policies.stop();
  }

  async searchApps(query: string, limit = 25): Promise<AppSummary[]> {
    await withinTimeBudget(this.reader.apps.ready());
    return this.reader.apps.search(query, limit);
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

  listAssignmentFilters(): Promise<AssignmentFilterSummary[]> {
    return this.reader.listAssignmentFilters();
  }

  getAssignments(item: ItemRef) {
    return this.reader.getAssignments(item);
  }

  async preview(item: ItemRef, requested: RequestedAssignment): Promise<MergeOutcome> {
    return (await this.prepare(item, requested)).outcome;
  }

  assign(
    item: ItemRef,
    requested: RequestedAssignment,
    options: AssignOptions,
  ): Promise<AssignResult> {
    return this.queue.run(`${item.kind}:${item.id}`, async () => {
      const { outcome, ctx } = await this.prepare(item, requested);
      if (outcome.kind === 'refused') throw new AppError(outcome.code, outcome.message);
      if (options.expectedDiff && !sameDiff(options.expectedDiff, outcome.diff)) {
        throw new AppError(
          'assignments-changed',
          `The assignments changed since review: now ${outcome.diff.map((d) => d.text).join('; ')}.`,
        );
      }
      if (outcome.kind === 'already-assigned')
        return { status: 'already-assigned', diff: outcome.diff };
      const body = toAssignBody(outcome.next, ctx);
      if (body.length === 0)
        throw new AppError('empty-set', 'Refusing to post an empty assignment set.');
      return this.writer.write(item, body, options.justification, outcome.diff);
    });
  }

  approvalStatus(approvalCode: string): Promise<ApprovalStatus> {
    return this.writer.approvalStatus(approvalCode);
  }

  replay(pending: PendingWrite): Promise<{ requestId: string; clientRequestId: string }> {
    return this.writer.replay(pending);
  }

  private async prepare(item: ItemRef, requested: RequestedAssignment): Promise<Prepared> {
    const version = this.options.version;
    if (requested.filter && version !== 'beta') {
      throw new AppError(
        'invalid-request',
        'Assignment filters need the beta Graph API (GRAPH_INTUNE_VERSION=beta).',
      );
    }
    const appType = item.kind === 'app' ? await this.assignableAppType(item.id, requested) : '';
    if (item.kind === 'configPolicy') await this.existingPolicy(item.id, requested);
    if (version === 'v1.0') await this.refuseLosingFilters(item);
    const current = await this.reader.getAssignments(item);
    return {
      outcome: mergeAssignment(current, requested),
      ctx: { kind: item.kind, appType, version },
    };
  }

  private async refuseLosingFilters(item: ItemRef): Promise<void> {
    const count = await this.reader.filteredAssignmentCount(item);
    if (count === 0) return;
    throw new AppError(
      'filters-would-be-lost',
      `${count} assignment(s) of this item use assignment filters, which Graph v1.0 cannot see; a v1.0 write would remove them. Use GRAPH_INTUNE_VERSION=beta.`,
    );
  }

  private async assignableAppType(id: string, requested: RequestedAssignment): Promise<string> {
    const app = await this.reader.getApp(id);
    if (!app) throw new AppError('not-found', 'The app no longer exists in Intune.');
    if (!app.published)
      throw new AppError(
        'not-published',
        `${app.name} is not published in Intune, so it cannot be assigned.`,
      );
    if (
      !requested.intent ||
      !allowedIntents(app.appType, requested.target).includes(requested.intent)
    ) {
      throw new AppError(
        'invalid-request',
        `The intent ${requested.intent ?? '(none)'} is not valid for ${app.name} and ${requested.targetName}.`,
      );
    }
    return app.appType;
  }

  private async existingPolicy(id: string, requested: RequestedAssignment): Promise<void> {
    if (requested.intent)
      throw new AppError('invalid-request', 'App configuration policies take no intent.');
    if (!(await this.reader.getConfigPolicy(id))) {
      throw new AppError('not-found', 'The app configuration policy no longer exists in Intune.');
    }
  }
}

function sameDiff(a: DiffLine[], b: DiffLine[]): boolean {
  return (
    a.length === b.length &&
    a.every((line, i) => line.kind === b[i]?.kind && line.text === b[i]?.text)
  );
}
