import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../domain/errors';
import type { AssignmentRequest } from '../domain/request';
import type { RequestEvent } from '../domain/state-machine';
import {
  auditFactsOf,
  failedEvent,
  fromIntuneRefusal,
  refusedOrFailed,
  type RunEvent,
} from './assignment-outcomes';
import { AssignmentWriter, ReviewChanged } from './assignment-writer';
import { waitForIntuneDecision } from './intune-approval';
import { InProcessLeases } from './in-process-leases';
import { InProcessWriteRate } from './in-process-write-rate';
import { KeyedQueue, WRITE_CONCURRENCY } from './keyed-queue';
import { INTUNE_WINDOW_MS } from './sliding-window';
import { notifyChanged } from './notify';
import { silentLogger, type ServiceLogger, type ServiceOptions } from './options';
import type { PendingWrite, WriteIdentity } from './ports/intune';
import type { Leases } from './ports/leases';
import { applyEvent, type AuditFacts } from './transitions';
import { WriteFences } from './write-fences';

/** How an attempt ended: the event to store, and fields set with it. */
interface Ending {
  event: RunEvent;
  patch?: Partial<AssignmentRequest>;
}

/** What `resumeUnfinished` took over. */
export interface ResumeCounts {
  /** Approved requests whose assignment had not started. */
  started: number;
  /** Requests left `assigning` by a bot that stopped mid-write. */
  resumed: number;
  /** Requests waiting for Intune Multi Admin Approval, polled again. */
  polling: number;
}

/** The lease of one request's Graph work: exactly one instance works on a request at a time. */
export const requestLease = (requestId: string) => `request:${requestId}`;

const RESUMED = 'Resumed: the bot that was assigning it stopped.';

/**
 * The Graph work of an approved request: claim it (`approved -> assigning`, a compare-and-set, so
 * exactly one caller runs it), and let the `AssignmentWriter` read the item, its assignments and
 * the target afresh (one round trip), merge, and write the full set behind the item's lock and
 * write fence, then, if Intune Multi Admin Approval
 * holds the write, wait for it. All of it runs under the request's lease, so that with several
 * instances exactly one works on a request, and another takes it over when that one dies. Every
 * end is stored, audited with Graph's request id and announced; nothing is left silently stuck.
 */
export class AssignmentRunner {
  private readonly logger: ServiceLogger;
  private readonly writer: AssignmentWriter;
  private readonly leases: Leases;

  constructor(private readonly options: ServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    const { store, intune, settings, tasks } = options;
    this.leases = options.leases ?? new InProcessLeases();
    this.writer = new AssignmentWriter({
      intune,
      locks: options.locks ?? new KeyedQueue(WRITE_CONCURRENCY),
      fences: new WriteFences({ store, lifetimeMs: settings.writeLifetimeMs }),
      rate:
        options.rate ??
        new InProcessWriteRate({ limit: settings.writesPer20s, windowMs: INTUNE_WINDOW_MS }),
      signal: tasks.signal,
      logger: this.logger,
      onQueued: (request, waitMs) => this.queued(request, waitMs),
      asApprover: settings.writeAs === 'approver',
    });
  }

  /** Tells the thread and the requester, in the background, that a request's write is queued. */
  private queued(request: AssignmentRequest, waitMs?: number): void {
    const { notifier, settings, tasks } = this.options;
    this.logger.info({ requestId: request.id, waitMs }, 'write queued');
    const wait = { waitMs, writesPer20s: settings.writesPer20s };
    tasks.run(() => notifier.queued(request, wait), `notify ${request.id} queued`);
  }

  /**
   * Runs the Graph work of a request this instance was asked to run (just approved, or just
   * retried) under the request's lease, `before` first (telling people it starts), writing as
   * `as` when writes run as the approver. False when another instance already works on it. Never
   * throws: failures end in `failed`.
   */
  work(requestId: string, before?: () => Promise<void>, as?: WriteIdentity): Promise<boolean> {
    return this.leases.tryRun(requestLease(requestId), async () => {
      await before?.();
      const request = await this.options.store.get(requestId);
      if (request?.status === 'approved') {
        const event = { type: 'start-assignment' as const, by: request.decidedBy };
        const started = await this.claim(request, event, { actor: request.decidedBy });
        if (started) await this.execute(started, as);
      } else if (request?.status === 'assigning') {
        await this.execute(request, as);
      } else {
        this.logger.info({ requestId, status: request?.status }, 'nothing to assign');
      }
    });
  }

  /**
   * Takes over what no instance works on (at start, and on every sweep): approved requests are
   * run; `assigning` ones are resumed, waiting out any write that may still land, where the
   * read-merge-write finds a write that had landed as "already assigned"; held ones are polled
   * again. A request whose lease another (live) instance holds is left to it. The work runs in the
   * background; the counts say what was taken over.
   */
  async resumeUnfinished(): Promise<ResumeCounts> {
    const { store } = this.options;
    // Unpaged on purpose: these states hold work in flight (a claim, a Graph write, an Intune
    // approval), not history, so they stay small however many requests are stored.
    const [approved, assigning, held] = await Promise.all([
      store.list({ statuses: ['approved'] }),
      store.list({ statuses: ['assigning'] }),
      store.list({ statuses: ['awaiting-intune-approval'] }),
    ]);
    const taken = (requests: AssignmentRequest[]) =>
      Promise.all(requests.map((r) => this.takeOver(r.id))).then((t) => t.filter(Boolean).length);
    const [started, resumed, polling] = await Promise.all([
      taken(approved),
      taken(assigning),
      taken(held),
    ]);
    return { started, resumed, polling };
  }

  /**
   * Starts, in the background, the work of a request left unfinished, if its lease is free;
   * resolves true once the request is claimed for it (the work goes on).
   */
  private takeOver(requestId: string): Promise<boolean> {
    return new Promise((resolve) => {
      const label = `take over ${requestId}`;
      this.options.tasks.run(async () => {
        try {
          const ran = await this.leases.tryRun(requestLease(requestId), async () => {
            const claimed = await this.claimUnfinished(requestId);
            resolve(claimed !== undefined);
            if (claimed?.status === 'awaiting-intune-approval') await this.awaitIntune(claimed.id);
            else if (claimed) await this.execute(claimed);
          });
          if (!ran) resolve(false);
        } finally {
          resolve(false);
        }
      }, label);
    });
  }

  /** The request claimed for this instance: `start-assignment` or `resume`, or undefined. */
  private async claimUnfinished(requestId: string): Promise<AssignmentRequest | undefined> {
    const request = await this.options.store.get(requestId);
    if (request?.status === 'approved') {
      const event = { type: 'start-assignment' as const, by: request.decidedBy };
      return this.claim(request, event, { actor: request.decidedBy });
    }
    if (request?.status === 'assigning' || request?.status === 'awaiting-intune-approval') {
      return this.claim(request, { type: 'resume' }, { detail: RESUMED });
    }
    return undefined;
  }

  /**
   * Waits for Intune Multi Admin Approval of a held write and replays it once approved; ends in
   * `assigned` or `failed` (rejected, cancelled, expired, timed out). On shutdown it stops waiting
   * and leaves the request for the next instance or start to take over.
   */
  async awaitIntune(requestId: string, as?: WriteIdentity): Promise<void> {
    const request = await this.options.store.get(requestId);
    if (request?.status !== 'awaiting-intune-approval') return;
    const pending = request.outcome?.heldWrite as PendingWrite | undefined;
    const ending = pending
      ? await this.afterIntuneDecision(request, pending, as)
      : { event: failedEvent(new AppError('invalid-request', 'The held write was not recorded.')) };
    if (ending) await this.record(request, ending);
  }

  /** One attempt, stored and told; a write Intune holds is then waited for, on the same lease. */
  private async execute(request: AssignmentRequest, as?: WriteIdentity): Promise<void> {
    const ending = await this.attemptAssign(request, as);
    if (!ending) {
      this.logger.info({ requestId: request.id }, 'stopping: left assigning for the next start');
      return;
    }
    const saved = await this.record(request, ending);
    if (saved?.status === 'awaiting-intune-approval') await this.awaitIntune(saved.id, as);
  }

  /** The attempt's end; undefined when shutdown interrupted it before anything was known. */
  private async attemptAssign(
    request: AssignmentRequest,
    as?: WriteIdentity,
  ): Promise<Ending | undefined> {
    try {
      const event = await this.writer.write(request, as);
      return event && { event };
    } catch (error) {
      // The approver sees, and a retry writes, the change as it stands now.
      const patch = error instanceof ReviewChanged ? reviewPatch(error) : undefined;
      return { event: refusedOrFailed(error, as?.user), patch };
    }
  }

  /** Waits for Intune's decision on a held write, then replays it if approved. */
  private async afterIntuneDecision(
    request: AssignmentRequest,
    pending: PendingWrite,
    as: WriteIdentity | undefined,
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
      const event = await this.writer.replay(request, pending, as);
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

/** The request as the approver must now see it: the diff (and kept count) as they stand. */
function reviewPatch(error: ReviewChanged): Partial<AssignmentRequest> {
  return error.kept === undefined ? { diff: error.diff } : { diff: error.diff, kept: error.kept };
}
