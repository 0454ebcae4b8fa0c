import type { CurrentAssignment } from '../domain/assignment';
import type { Logger } from '../logger';
import { outsideTimeBudget } from '../services/time-budget';
import type {
  AppSummary,
  AssignmentFilterSummary,
  ConfigPolicySummary,
  ItemKind,
  ItemRef,
  ManagedAppConfigSummary,
} from '../services/ports/intune';
import { appSelect, stringPool, toAppSummary, toPolicySummary } from './app-mapping';
import { toCurrentAssignment, type GraphAssignment } from './assignment-mapping';
import { Catalog } from './catalog';
import { MANAGED_APP_CONFIGS, toManagedAppConfigSummary } from './managed-app-config-mapping';
import { AppError } from '../domain/errors';
import { GraphError } from './graph-error';
import { isGraphId } from './graph-ids';
import { batchFailure, type BatchAnswer, type BatchRead } from './graph-batch';
import type { GraphHttp, GraphVersion } from './graph-http';

export const APPS = '/deviceAppManagement/mobileApps';
export const POLICIES = '/deviceAppManagement/mobileAppConfigurations';

/** Where each kind of item lives in Graph. */
export const ITEM_PATHS: Record<ItemKind, string> = {
  app: APPS,
  configPolicy: POLICIES,
  managedAppConfig: MANAGED_APP_CONFIGS,
};

export interface IntuneReaderOptions {
  http: GraphHttp;
  version: GraphVersion;
  logger: Logger;
  catalogRefreshMs: number;
}

/** An item, its assignments as Graph returns them, and the groups found missing, from one read. */
export interface RawItemForWrite {
  exists: boolean;
  app?: AppSummary;
  assignments: GraphAssignment[];
  missingGroups: string[];
}

/** The body of a read of a batch; undefined for a 404, the read's error for any other failure. */
function bodyOf(
  answers: Map<string, BatchAnswer>,
  version: GraphVersion,
  read: BatchRead,
): Record<string, unknown> | undefined {
  const answer = answers.get(read.id);
  if (answer?.status === 404) return undefined;
  if (answer === undefined || answer.status < 200 || answer.status >= 300) {
    throw batchFailure(answer, version, read);
  }
  return answer.body as Record<string, unknown>;
}

/** Undefined for a 404 (the item was deleted), the error otherwise. */
async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof GraphError && error.status === 404) return undefined;
    throw error;
  }
}

const NO_ITEM = 'That item does not exist in Intune.';

/** Graph's 404 for an item's assignments or its assign action, told as the catalog's `not-found`. */
export function missingItem(error: unknown): unknown {
  if (!(error instanceof GraphError) || error.status !== 404) return error;
  return new GraphError('not-found', NO_ITEM, error);
}

/** An item that cannot exist (its id is not a GUID) has no assignments to read, or to keep. */
function assertItemId(item: ItemRef): void {
  if (!isGraphId(item.id)) throw new AppError('not-found', NO_ITEM);
}

/**
 * The reading half of the Intune port: cached catalogs of apps and configuration policies
 * (searched in memory), and fresh reads of one item and its assignments, always in the version the
 * writes use.
 */
export class IntuneReader {
  readonly apps: Catalog<AppSummary>;
  readonly policies: Catalog<ConfigPolicySummary>;
  readonly managedAppConfigs: Catalog<ManagedAppConfigSummary>;
  private readonly counts = new Map<string, number>();
  private readonly counting = new Set<string>();

  constructor(private readonly options: IntuneReaderOptions) {
    const { http, version, logger, catalogRefreshMs: refreshMs } = options;
    this.apps = new Catalog<AppSummary>({
      name: 'apps',
      load: async () => {
        const shared = stringPool();
        const path = `${APPS}?$select=${appSelect(version)}&$top=999`;
        const raw = await http.getAll<Record<string, unknown>>(version, path);
        return raw.map((app) => toAppSummary(app, this.counts.get(String(app.id)), shared));
      },
      text: (app) => `${app.name} ${app.publisher} ${app.platform} ${app.appType}`,
      title: (app) => app.name,
      refreshMs,
      logger,
    });
    this.policies = new Catalog<ConfigPolicySummary>({
      name: 'configuration policies',
      load: async () =>
        (
          await http.getAll<Record<string, unknown>>(version, `${POLICIES}?$expand=assignments`)
        ).map(toPolicySummary),
      text: (policy) => `${policy.name} ${policy.platform} ${policy.policyType}`,
      title: (policy) => policy.name,
      refreshMs,
      logger,
    });
    this.managedAppConfigs = new Catalog<ManagedAppConfigSummary>({
      name: 'managed app configuration policies',
      load: async () =>
        (
          await http.getAll<Record<string, unknown>>(
            version,
            `${MANAGED_APP_CONFIGS}?$expand=apps,assignments`,
          )
        ).map(toManagedAppConfigSummary),
      text: (policy) => `${policy.name} ${policy.platform}`,
      title: (policy) => policy.name,
      refreshMs,
      logger,
    });
  }

  get version(): GraphVersion {
    return this.options.version;
  }

  /** One item's object read afresh, or undefined when Graph says it does not exist. */
  private readOne(path: string): Promise<{ body: Record<string, unknown> } | undefined> {
    return orMissing(
      this.options.http.send<Record<string, unknown>>({
        method: 'GET',
        version: this.version,
        path,
      }),
    );
  }

  /** Reads one app afresh (undefined when it does not exist) and updates the catalog. */
  async getApp(id: string): Promise<AppSummary | undefined> {
    if (!isGraphId(id)) return undefined;
    const path = `${APPS}/${encodeURIComponent(id)}?$select=${appSelect(this.version)}`;
    const raw = await this.readOne(path);
    if (!raw) return undefined;
    const app = toAppSummary(raw.body, this.counts.get(id));
    this.apps.upsert(app);
    return app;
  }

  async getConfigPolicy(id: string): Promise<ConfigPolicySummary | undefined> {
    if (!isGraphId(id)) return undefined;
    const path = `${POLICIES}/${encodeURIComponent(id)}?$expand=assignments`;
    const raw = await this.readOne(path);
    if (!raw) return undefined;
    const policy = toPolicySummary(raw.body);
    this.policies.upsert(policy);
    return policy;
  }

  /** Reads one managed-app policy afresh (undefined when it does not exist) into the catalog. */
  async getManagedAppConfig(id: string): Promise<ManagedAppConfigSummary | undefined> {
    if (!isGraphId(id)) return undefined;
    const path = `${MANAGED_APP_CONFIGS}/${encodeURIComponent(id)}?$expand=apps,assignments`;
    const raw = await this.readOne(path);
    if (!raw) return undefined;
    const policy = toManagedAppConfigSummary(raw.body);
    this.managedAppConfigs.upsert(policy);
    return policy;
  }

  /**
   * The item with its assignments expanded and a check of each group, in one `$batch` round trip
   * in the write version; the catalogs learn what was read. An expansion Graph pages (it has an
   * `assignments@odata.nextLink`) is read again in full: a write must never miss an assignment.
   */
  async readForWrite(item: ItemRef, groupIds: readonly string[]): Promise<RawItemForWrite> {
    const groups = [...new Set(groupIds)];
    const groupReads = groups.filter(isGraphId).map((id, i) => ({
      id: `group-${i}`,
      group: id,
      path: `/groups/${encodeURIComponent(id)}?$select=id`,
    }));
    const itemRead = isGraphId(item.id) ? { id: 'item', path: this.itemPath(item) } : undefined;
    const reads = itemRead ? [...groupReads, itemRead] : groupReads;
    const answers =
      reads.length === 0 ? new Map() : await this.options.http.batch(this.version, reads);
    const found = new Set(
      groupReads.filter((read) => bodyOf(answers, this.version, read)).map((read) => read.group),
    );
    const missingGroups = groups.filter((id) => !found.has(id));
    const body = itemRead && bodyOf(answers, this.version, itemRead);
    if (!body) return { exists: false, assignments: [], missingGroups };
    const assignments =
      body['assignments@odata.nextLink'] === undefined
        ? ((body.assignments ?? []) as GraphAssignment[])
        : await this.rawAssignments(item, this.version);
    return {
      exists: true,
      app: this.learn(item, body, assignments.length),
      assignments,
      missingGroups,
    };
  }

  /** The item's path with its assignments expanded (and, for an app, the fields it is shown by). */
  private itemPath(item: ItemRef): string {
    const path = `${ITEM_PATHS[item.kind]}/${encodeURIComponent(item.id)}`;
    if (item.kind === 'app')
      return `${path}?$select=${appSelect(this.version)}&$expand=assignments`;
    if (item.kind === 'managedAppConfig') return `${path}?$expand=apps,assignments`;
    return `${path}?$expand=assignments`;
  }

  /** Updates the catalog of the item's kind with what was read; answers the app for an app. */
  private learn(
    item: ItemRef,
    body: Record<string, unknown>,
    count: number,
  ): AppSummary | undefined {
    if (item.kind === 'configPolicy') this.policies.upsert(toPolicySummary(body));
    if (item.kind === 'managedAppConfig') {
      this.managedAppConfigs.upsert(toManagedAppConfigSummary(body));
    }
    if (item.kind !== 'app') return undefined;
    const app = toAppSummary(body, count);
    this.apps.upsert(app);
    this.counts.set(item.id, count);
    return app;
  }

  /** The item's current assignments, read afresh in the write version. */
  async getAssignments(item: ItemRef): Promise<CurrentAssignment<GraphAssignment>[]> {
    const raw = await this.rawAssignments(item, this.version);
    if (item.kind === 'app') this.rememberCount(item.id, raw.length);
    return raw.map(toCurrentAssignment);
  }

  /**
   * The item's assignments as Graph returns them in `version`. Beta shows what v1.0 hides
   * (`source`, filters, newer settings): read in beta, it is the guard of a v1.0 write.
   */
  async rawAssignments(item: ItemRef, version: GraphVersion): Promise<GraphAssignment[]> {
    assertItemId(item);
    const base = ITEM_PATHS[item.kind];
    const path = `${base}/${encodeURIComponent(item.id)}/assignments`;
    return this.options.http.getAll<GraphAssignment>(version, path).catch((error: unknown) => {
      throw missingItem(error);
    });
  }

  /** Assignment filters exist only in beta; with v1.0 writes they cannot be used at all. */
  async listAssignmentFilters(): Promise<AssignmentFilterSummary[]> {
    if (this.version !== 'beta') return [];
    const raw = await this.options.http.getAll<Record<string, unknown>>(
      'beta',
      '/deviceManagement/assignmentFilters',
    );
    return raw.map((f) => ({
      id: String(f.id),
      name: String(f.displayName ?? f.id),
      platform: String(f.platform ?? ''),
      rule: String(f.rule ?? ''),
    }));
  }

  /**
   * Reads, in the background, the assignment counts the catalog does not know of the apps just
   * shown (Graph lists apps without their assignments), so the next keystrokes show them. At most
   * one read per app at a time; a failure only leaves the count unknown.
   */
  fillCounts(apps: readonly AppSummary[]): void {
    for (const app of apps) {
      if (app.assignmentCount !== undefined || this.counting.has(app.id)) continue;
      this.counting.add(app.id);
      outsideTimeBudget(() => this.getAssignments({ kind: 'app', id: app.id }))
        .catch((error: unknown) =>
          this.options.logger.debug({ err: error, appId: app.id }, 'assignment count unknown'),
        )
        .finally(() => this.counting.delete(app.id));
    }
  }

  private rememberCount(id: string, count: number): void {
    this.counts.set(id, count);
    const app = this.apps.get(id);
    if (app) this.apps.upsert({ ...app, assignmentCount: count, isAssigned: count > 0 });
  }
}
