import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../domain/errors';
import { displayId, type AssignmentRequest } from '../domain/request';
import type { RequestEvent } from '../domain/state-machine';
import {
  auditFactsOf,
  failedEvent,
  fromAssignResult,
  fromIntuneApproval,
  type RunEvent,
} from './assignment-outcomes';
import { completeAfterIntuneApproval } from './intune-approval';
import { notifyChanged } from './notify';
import { silentLogger, type ServiceLogger, type ServiceOptions } from './options';
import type { PendingWrite } from './ports/intune';
import { itemRefOf, requestedOf } from './request-parts';
import { applyEvent, type AuditFacts } from './transitions';

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
 * exactly one caller runs it), re-read the target, and let the Intune port read, merge and write
 * the full assignment set. Every end is stored, audited with Graph's request id and announced;
 * nothing is left silently stuck, and a restart finishes what was in flight without writing twice.
 */
export class AssignmentRunner {
  private readonly logger: ServiceLogger;

  constructor(private readonly options: ServiceOptions) {
    this.logger = options.logger ?? silentLogger;
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
    const event = pending
      ? await this.waitForIntune(pending)
      : failedEvent(new AppError('invalid-request', 'The held write was not recorded.'));
    if (event) await this.record(request, event);
  }

  private async execute(request: AssignmentRequest): Promise<void> {
    const event = await this.attemptAssign(request);
    const saved = await this.record(request, event);
    if (saved?.status === 'awaiting-intune-approval') {
      this.options.tasks.run(() => this.awaitIntune(saved.id), `poll ${displayId(saved)}`);
    }
  }

  private async attemptAssign(request: AssignmentRequest): Promise<RunEvent> {
    try {
      await this.checkTarget(request);
      const result = await this.options.intune.assign(itemRefOf(request), requestedOf(request), {
        justification: request.justification ?? '',
        expectedDiff: request.diff,
      });
      return fromAssignResult(result);
    } catch (error) {
      const changed = error instanceof AppError && error.code === 'assignments-changed';
      if (changed && (await this.alreadyInPlace(request))) {
        return { type: 'assigned', outcome: { alreadyAssigned: true } };
      }
      return failedEvent(error);
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

  /**
   * True when the requested assignment now stands as asked: the diff no longer matches the
   * reviewed one only because the change is already there (someone made it in Intune, or this
   * bot's write landed before a restart). That is the end wanted, not a change that matters.
   */
  private async alreadyInPlace(request: AssignmentRequest): Promise<boolean> {
    try {
      const outcome = await this.options.intune.preview(itemRefOf(request), requestedOf(request));
      return outcome.kind === 'already-assigned';
    } catch (error) {
      this.logger.warn({ err: error, requestId: request.id }, 'could not re-read assignments');
      return false;
    }
  }

  private async waitForIntune(pending: PendingWrite): Promise<RunEvent | undefined> {
    const { intune, settings, tasks } = this.options;
    try {
      const outcome = await completeAfterIntuneApproval(intune, pending, {
        pollMs: settings.maaPollMs,
        timeoutMs: settings.maaTimeoutMs,
        sleep: (ms) => delay(ms, undefined, { signal: tasks.signal }),
      });
      return fromIntuneApproval(outcome, pending.approvalCode, settings.maaTimeoutMs);
    } catch (error) {
      if (tasks.signal.aborted) return undefined;
      return failedEvent(error, { approvalCode: pending.approvalCode });
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
    event: RunEvent,
  ): Promise<AssignmentRequest | undefined> {
    const facts = { ...auditFactsOf(event), actor: request.assignmentBy };
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
