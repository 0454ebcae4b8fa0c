import type { AppError } from '../../src/domain/errors';
import type { AssignmentRequest, ItemKind } from '../../src/domain/request';
import type { EventType } from '../../src/domain/state-machine';
import {
  Authorizer,
  BackgroundTasks,
  createServices,
  type Actor,
  type IntentChoice,
  type Result,
  type ServiceSettings,
  type Services,
  type TargetChoice,
} from '../../src/services';
import type { Clock } from '../../src/services/ports/clock';
import type { Leases } from '../../src/services/ports/leases';
import type { Notifier } from '../../src/services/ports/notifier';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';
import { graphHarness, type GraphHarness } from '../support/graph-harness';

/** A clock the test sets and moves. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start = '2026-03-02T09:00:00.000Z') {
    this.current = Date.parse(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = Date.parse(iso);
  }

  advanceHours(hours: number): void {
    this.current += hours * 3_600_000;
  }
}

export interface NotifierCall {
  kind: 'submitted' | 'changed' | 'reminder' | 'queued';
  event?: EventType;
  requestId: string;
  status: string;
}

/** Records every notification, in order. */
export class RecordingNotifier implements Notifier {
  readonly calls: NotifierCall[] = [];

  async submitted(request: AssignmentRequest): Promise<void> {
    this.record('submitted', request);
  }

  async changed(request: AssignmentRequest, event: EventType): Promise<void> {
    this.record('changed', request, event);
  }

  async reminder(request: AssignmentRequest): Promise<void> {
    this.record('reminder', request);
  }

  async queued(request: AssignmentRequest): Promise<void> {
    this.record('queued', request);
  }

  /** `submitted`, `reminder`, `queued`, or the event of each `changed` call about one request. */
  story(requestId: string): string[] {
    return this.calls
      .filter((c) => c.requestId === requestId)
      .map((c) => (c.kind === 'changed' ? String(c.event) : c.kind));
  }

  private record(kind: NotifierCall['kind'], request: AssignmentRequest, event?: EventType) {
    this.calls.push({ kind, event, requestId: request.id, status: request.status });
  }
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const actor = (id: string, name: string): Actor => ({ id, name, tenantId: TENANT });

/** People of the simulated tenant, as the bot would identify them. */
export const PEOPLE = {
  requester: actor(WELL_KNOWN.users.requester, 'Megan Bowen'),
  approver: actor(WELL_KNOWN.users.approver1, 'Patti Fernandez'),
  otherApprover: actor(WELL_KNOWN.users.approver2, 'Alex Wilber'),
  outsider: actor(WELL_KNOWN.users.outsider, 'Lee Gu'),
};

export const SETTINGS: ServiceSettings = {
  ttlHours: 72,
  reminderBeforeHours: 24,
  justificationMaxLength: 200,
  maaPollMs: 5,
  maaTimeoutMs: 3000,
  allowedTenantId: TENANT,
  writeLifetimeMs: 1000,
  writesPer20s: 100,
};

/** The use cases over the memory store, a recording notifier, a fake clock and the simulator. */
export interface World {
  h: GraphHarness;
  store: MemoryRequestStore;
  notifier: RecordingNotifier;
  clock: FakeClock;
  tasks: BackgroundTasks;
  services: Services;
}

export interface WorldOptions {
  settings?: Partial<ServiceSettings>;
  requesterGroupId?: string;
  /** Shares a store with another world, as a restarted bot shares its database. */
  store?: MemoryRequestStore;
  /** Shares leases with another world, as instances share Azure Blob leases. */
  leases?: Leases;
}

export function createWorld(h: GraphHarness, options: WorldOptions = {}): World {
  const store = options.store ?? new MemoryRequestStore();
  const notifier = new RecordingNotifier();
  const clock = new FakeClock();
  const tasks = new BackgroundTasks();
  const authorizer = new Authorizer({
    directory: h.graph.directory,
    approverGroupIds: [WELL_KNOWN.groups.approvers],
    approverUserIds: [],
    requesterGroupId: options.requesterGroupId,
  });
  const services = createServices({
    store,
    intune: h.graph.intune,
    directory: h.graph.directory,
    notifier,
    clock,
    authorizer,
    tasks,
    leases: options.leases,
    settings: { ...SETTINGS, ...options.settings },
  });
  return { h, store, notifier, clock, tasks, services };
}

/** The harness and world of the current test; `useWorld` sets them in its hooks. */
export interface WorldContext {
  h: GraphHarness;
  world: World;
}

export interface UseWorldOptions {
  /** How the world's background tasks end after each test: wait for them, or shut them down. */
  afterEach?: 'idle' | 'shutdown';
}

/**
 * Registers the hooks the service tests share: one Graph harness for the describe block, a reset
 * simulator and a fresh world for every test, and background tasks ended after it. A test may
 * replace `world` (e.g. a restarted bot); the replacement is the one ended.
 */
export function useWorld(options: UseWorldOptions = {}): WorldContext {
  const context = {} as WorldContext;
  beforeAll(async () => {
    context.h = await graphHarness();
    // Loaded as the bot loads them at start: a search before that is answered "loading".
    await context.h.graph.intune.start();
  });
  afterAll(() => context.h.close());
  beforeEach(() => {
    context.h.sim.control.reset();
    context.world = createWorld(context.h);
  });
  afterEach(() =>
    options.afterEach === 'shutdown' ? context.world.tasks.shutdown() : context.world.tasks.idle(),
  );
  return context;
}

/** The value of a result that must have succeeded. */
export function value<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`Expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The error of a result that must have been refused. */
export function refusal<T>(result: Result<T>): AppError {
  if (result.ok) throw new Error('Expected a refusal, got success');
  return result.error;
}

/** What a requester asks for. */
export interface RequestSpec {
  kind?: ItemKind;
  itemId: string;
  target: TargetChoice;
  intent?: IntentChoice;
  justification?: string;
}

/** Walks the wizard from a new draft to the review. */
export async function walkToReview(
  world: World,
  spec: RequestSpec,
  who: Actor = PEOPLE.requester,
): Promise<AssignmentRequest> {
  const wizard = world.services.wizard;
  const draft = value(await wizard.startDraft(who));
  value(await wizard.chooseKind(draft.id, who, spec.kind ?? 'app'));
  value(await wizard.chooseItem(draft.id, who, spec.itemId));
  value(await wizard.chooseTarget(draft.id, who, spec.target));
  value(await wizard.chooseIntent(draft.id, who, spec.intent ?? {}));
  const justification = spec.justification ?? 'Needed for the spring rollout';
  return value(await wizard.setJustification(draft.id, who, justification));
}

/** Walks the wizard and submits: a pending request. */
export async function submitRequest(
  world: World,
  spec: RequestSpec,
  who: Actor = PEOPLE.requester,
): Promise<AssignmentRequest> {
  const reviewed = await walkToReview(world, spec, who);
  return value(await world.services.wizard.submit(reviewed.id, who));
}

/** A group of the tenant that has no assignment of the app. */
export function groupNotAssignedTo(h: GraphHarness, appId: string): { id: string; name: string } {
  const used = new Set(
    (h.sim.control.tenant().appAssignments.get(appId) ?? []).map(
      (a) => (a.target as { groupId?: string } | undefined)?.groupId,
    ),
  );
  const group = h.sim.control.tenant().groups.find((g) => !used.has(g.id));
  if (!group) throw new Error('No free group in the seeded tenant');
  return { id: group.id, name: String(group.displayName) };
}

/** The name of a seeded group. */
export function groupName(h: GraphHarness, id: string): string {
  return String(h.sim.control.tenant().groups.find((g) => g.id === id)?.displayName);
}

/** Waits (a few ms at a time) until `check` holds. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Writes the simulated tenant applied (not those refused by a fault or held). */
export function appliedWrites(h: GraphHarness) {
  return h.sim.control.writes().filter((w) => w.status === 204);
}
