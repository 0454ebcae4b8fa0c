import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../domain/errors';
import { displayId, type AssignmentRequest } from '../domain/request';
import type { RequestEvent } from '../domain/state-machine';
import { auditFactsOf, failedEvent, fromIntuneRefusal, type RunEvent } from './assignment-outcomes';
import { AssignmentWriter, ReviewChanged } from './assignment-writer';
import { waitForIntuneDecision } from './intune-approval';
import { KeyedQueue } from './keyed-queue';
import { notifyChanged } from './notify';
import { silentLogger, type ServiceLogger, type ServiceOptions } from './options';
import type { PendingWrite } from './ports/intune';
import { applyEvent, type AuditFacts } from './transitions';
import { WriteFences } from './write-fences';

/** How an attempt ended: the event to store, and fields set with it. */
interface Ending {
  event: RunEvent;
  patch?: Partial<AssignmentRequest>;
}

/** Items written at once by default; writes to one item are always one at a time. */
const WRITE_CONCURRENCY = 4;

/** What `resumeOnStart` took over. */
export interface ResumeCounts {
  /** Approved requests whose assignment had not started. */
  started: number;
  /** Requests left `assigning` by a bot that stopped mid-write. */
  resumed: number;
  /** Requests waiting for Intune Multi Admin Approval, polled again. */
  polling: number;
}

/**
 * The Graph work of an approved request: claim it (`approved -> assigning`, a compare-and-set, so
 * exactly one caller runs it), re-read the target, and let the `AssignmentWriter` read, merge and
 * write the full set behind the item's lock and write fence. Every end is stored, audited with
 * Graph's request id and announced; nothing is left silently stuck, and a restart finishes what
 * was in flight without writing twice or over a write that may still land.
 */
export class AssignmentRunner {
  private readonly logger: ServiceLogger;
  private readonly writer: AssignmentWriter;

  constructor(private readonly options: ServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    const { store, intune, settings, tasks } = options;
    this.writer = new AssignmentWriter({
      intune,
      locks: options.locks ?? new KeyedQueue(WRITE_CONCURRENCY),
      fences: new WriteFences({ store, lifetimeMs: settings.writeLifetimeMs }),
      signal: tasks.signal,
      logger: this.logger,
    });
  }

  /**
   * Runs an approved request, or one a retry has just moved to `assigning` (the retry's winner is
   * the only caller for it). Never throws: failures end in `failed`.
   */
  async run(requestId: string): Promise<void> {
    const request = await this.options.store.get(requestId);
    if (request?.status === 'approved') {
      const event = { type: 'start-assignment' as const, by: request.decidedBy };
      const started = await this.claim(request, event, { actor: request.decidedBy });
      if (started) await this.execute(started);
    } else if (request?.status === 'assigning') {
      await this.execute(request);
    } else {
      this.logger.info({ requestId, status: request?.status }, 'nothing to assign');
    }
  }

  /**
   * Takes over what a stopped bot left: approved requests are run; `assigning` ones are resumed
   * and assigned again, where the read-merge-write finds a write that had landed as "already
   * assigned" (no second write); held ones are polled again. The Graph work runs in the background.
   */
  async resumeOnStart(): Promise<ResumeCounts> {
    const { store, tasks } = this.options;
    const counts: ResumeCounts = { started: 0, resumed: 0, polling: 0 };
    // Unpaged on purpose: these states hold work in flight (a claim, a Graph write, an Intune
    // approval), not history, so they stay small however many requests are stored. Each list is
    // read before the work it starts has run; paging would give a request started here time to
    // reach the next state's listing and be claimed twice.
    for (const request of await store.list({ statuses: ['approved'] })) {
      tasks.run(() => this.run(request.id), `run ${displayId(request)}`);
      counts.started += 1;
    }
    const detail = 'Resumed after the bot restarted.';
    for (const request of await store.list({ statuses: ['assigning'] })) {
      const resumed = await this.claim(request, { type: 'resume' }, { detail });
      if (!resumed) continue;
      tasks.run(() => this.execute(resumed), `resume ${displayId(request)}`);
      counts.resumed += 1;
    }
    for (const request of await store.list({ statuses: ['awaiting-intune-approval'] })) {
      const resumed = await this.claim(request, { type: 'resume' }, { detail });
      if (!resumed) continue;
      tasks.run(() => this.awaitIntune(resumed.id), `poll ${displayId(request)}`);
      counts.polling += 1;
    }
    return counts;
  }

  /**
   * Waits for Intune Multi Admin Approval of a held write and replays it once approved; ends in
   * `assigned` or `failed` (rejected, cancelled, expired, timed out). On shutdown it stops waiting
   * and leaves the request for `resumeOnStart`.
   */
  async awaitIntune(requestId: string): Promise<void> {
    const request = await this.options.store.get(requestId);
    if (request?.status !== 'awaiting-intune-approval') return;
    const pending = request.outcome?.heldWrite as PendingWrite | undefined;
    const ending = pending
      ? await this.afterIntuneDecision(request, pending)
      : { event: failedEvent(new AppError('invalid-request', 'The held write was not recorded.')) };
    if (ending) await this.record(request, ending);
  }

  private async execute(request: AssignmentRequest): Promise<void> {
    const ending = await this.attemptAssign(request);
    if (!ending) {
      this.logger.info({ requestId: request.id }, 'stopping: left assigning for the next start');
      return;
    }
    const saved = await this.record(request, ending);
    if (saved?.status === 'awaiting-intune-approval') {
      this.options.tasks.run(() => this.awaitIntune(saved.id), `poll ${displayId(saved)}`);
    }
  }

  /** The attempt's end; undefined when shutdown interrupted it before anything was known. */
  private async attemptAssign(request: AssignmentRequest): Promise<Ending | undefined> {
    try {
      await this.checkTarget(request);
      const event = await this.writer.write(request);
      return event && { event };
    } catch (error) {
      // The approver sees, and a retry writes, the change as it stands now.
      const patch = error instanceof ReviewChanged ? { diff: error.diff } : undefined;
      return { event: failedEvent(error), patch };
    }
  }

  /** The target is read afresh: a group deleted since review fails the request, unwritten. */
  private async checkTarget(request: AssignmentRequest): Promise<void> {
    const target = request.target;
    if (target?.kind !== 'group') return;
    if (await this.options.directory.getGroup(target.groupId)) return;
    const name = request.targetName ?? target.groupId;
    throw new AppError(
      'not-found',
      `The group ${name} no longer exists in Entra ID; nothing was written.`,
    );
  }

  /** Waits for Intune's decision on a held write, then replays it if approved. */
  private async afterIntuneDecision(
    request: AssignmentRequest,
    pending: PendingWrite,
  ): Promise<Ending | undefined> {
    const { intune, settings, tasks } = this.options;
    const approvalCode = pending.approvalCode;
    try {
      const decision = await waitForIntuneDecision(intune, approvalCode, {
        pollMs: settings.maaPollMs,
        timeoutMs: settings.maaTimeoutMs,
        sleep: (ms) => delay(ms, undefined, { signal: tasks.signal }),
      });
      if (decision !== 'approved' && decision !== 'completed') {
        return { event: fromIntuneRefusal(decision, approvalCode, settings.maaTimeoutMs) };
      }
      const event = await this.writer.replay(request, pending);
      return event && { event };
    } catch (error) {
      if (tasks.signal.aborted) return undefined;
      return { event: failedEvent(error, { approvalCode }) };
    }
  }

  /** Claims a request for this instance; undefined when another caller got there first. */
  private async claim(
    request: AssignmentRequest,
    event: RequestEvent,
    facts: AuditFacts,
  ): Promise<AssignmentRequest | undefined> {
    const applied = await applyEvent(this.options, request, event, facts);
    if (applied.kind === 'won') return applied.request;
    this.logger.info({ requestId: request.id, event: event.type }, 'another caller has it');
    return undefined;
  }

  /** Stores an attempt's end with its audit record, then tells the thread and the requester. */
  private async record(
    request: AssignmentRequest,
    { event, patch }: Ending,
  ): Promise<AssignmentRequest | undefined> {
    const facts = { ...auditFactsOf(event), actor: request.assignmentBy, patch };
    const applied = await applyEvent(this.options, request, event, facts);
    if (applied.kind !== 'won') {
      const context = { requestId: request.id, event: event.type, outcome: event.outcome };
      this.logger.warn(context, 'the request changed meanwhile; this outcome was not stored');
      return undefined;
    }
    const { status } = applied.request;
    const context = { requestId: request.id, status, graphRequestId: facts.graphRequestId };
    this.logger.info(context, 'assignment attempt ended');
    await notifyChanged(this.options, applied.request, event.type);
    return applied.request;
  }
}
