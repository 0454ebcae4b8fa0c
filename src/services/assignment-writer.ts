import type { DiffLine, RequestedAssignment } from '../domain/assignment';
import { sameDiff } from '../domain/diff-lines';
import { AppError } from '../domain/errors';
import type { AssignmentOutcome, AssignmentRequest } from '../domain/request';
import { emptiesItem, listInPlace } from '../domain/merge-list';
import { sameShapes, shapesAfter, shapesOf } from '../domain/shapes';
import { planAssignment } from './assignment-plan';
import type { RunEvent } from './assignment-outcomes';
import { silentLogger, type ServiceLogger } from './options';
import type { HeldLock, ItemLock } from './ports/item-lock';
import type { IntunePort, ItemRef, PendingWrite, WriteIdentity } from './ports/intune';
import type { WriteRate } from './ports/write-rate';
import { itemRefOf, requestedAll } from './request-parts';
import type { WriteFences } from './write-fences';

export interface AssignmentWriterOptions {
  intune: IntunePort;
  locks: ItemLock;
  fences: WriteFences;
  /** Intune's write limit, shared by the instances; none in tests that do not count. */
  rate?: WriteRate;
  /** Aborted at shutdown: a fence wait stops and the request is left for the next start. */
  signal: AbortSignal;
  /**
   * A request's write waits more than {@link QUEUED_AFTER_MS}, for a place in the write rate
   * (with the estimated wait) or behind other writes to the same item (no estimate): called once
   * per write (not per retry).
   */
  onQueued?: (request: AssignmentRequest, waitMs?: number) => void;
  /**
   * Writes run as the approver (`GRAPH_WRITE_AS=approver`): a write with no approver's identity at
   * hand (resumed after a restart) is not sent; reads and a write found landed still end it.
   */
  asApprover?: boolean;
  logger?: ServiceLogger;
}

/** A wait for a write place or the item's lock longer than this is told (the request is queued). */
export const QUEUED_AFTER_MS = 5000;

/**
 * A write place is taken before the read, so that the read, merge and write follow one another
 * at once however long the wait for the place was; if the read took longer than this (half the
 * rate's second of margin), the write takes a fresh place before it leaves.
 */
export const PLACE_FRESH_MS = 500;

/** When this run last took a place in the write rate, not yet used by an attempt. */
interface Place {
  at?: number;
}

/** The most writes one run makes, each after a fresh read and merge, before it gives up. */
export const MAX_WRITES = 3;

/** The assignments changed since review in a way that matters: nothing was written. */
export class ReviewChanged extends AppError {
  constructor(
    message: string,
    readonly diff: DiffLine[],
    /** What the write would keep now, when the review's count no longer holds. */
    readonly kept?: number,
  ) {
    super('assignments-changed', message);
  }
}

type Check = 'same' | 'in-place' | 'missing' | 'unread';

/** Shutdown stopped the wait for a write place: nothing was sent, the next start goes on. */
class Stopping extends Error {}

const CHANGED_MEANWHILE =
  "Intune's assignments of the item changed while the bot wrote (someone edited it in Intune meanwhile); the requested assignment is in place.";

const NO_APPROVER =
  "Writes to Intune run as the approver, and no approver's sign-in was at hand for this one (the bot restarted during the assignment); nothing was written. An approver can retry, which writes as them.";

const itemKey = (item: ItemRef) => `${item.kind}:${item.id}`;

/**
 * Writes a request's assignment the only safe way Graph allows: under the item's lock and behind
 * its write fence, read the set afresh, merge, post the full set, then read it again. A write
 * whose outcome is unknown is not repeated until it can no longer land; a set that differs from
 * what was posted is never reported as assigned: the request's assignment is looked for, and
 * merged and written once more (at most {@link MAX_WRITES} writes) if it is missing. Ends in an
 * event to record, or undefined when shutdown interrupted a wait.
 */
export class AssignmentWriter {
  private readonly logger: ServiceLogger;

  constructor(private readonly options: AssignmentWriterOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  async write(request: AssignmentRequest, as?: WriteIdentity): Promise<RunEvent | undefined> {
    const item = itemRefOf(request);
    // A standing fence is waited out before the lock too, so the wait holds no write slot that
    // other items' writes could use; under the lock it is checked again.
    if (!(await this.fenceLanded(item, request))) return undefined;
    const onWait = this.queuedOnce(request);
    // Writes to one item go one at a time: in a burst, most of the wait is for the lock.
    const behind = setTimeout(() => onWait(undefined), QUEUED_AFTER_MS);
    try {
      return await this.options.locks.run(itemKey(item), (held) => {
        clearTimeout(behind);
        return this.writeLocked(request, item, held, onWait, as);
      });
    } finally {
      clearTimeout(behind);
    }
  }

  /** Replays a write held by Intune Multi Admin Approval, behind the same lock, fence and check. */
  replay(
    request: AssignmentRequest,
    pending: PendingWrite,
    as?: WriteIdentity,
  ): Promise<RunEvent | undefined> {
    const item = itemRefOf(request);
    return this.options.locks.run(itemKey(item), (held) =>
      this.replayLocked(request, item, pending, held, as),
    );
  }

  private async writeLocked(
    request: AssignmentRequest,
    item: ItemRef,
    held: HeldLock,
    onWait: (waitMs?: number) => void,
    as: WriteIdentity | undefined,
  ): Promise<RunEvent | undefined> {
    const { intune, fences } = this.options;
    const requested = requestedAll(request);
    const place: Place = {};
    const story: string[] = [];
    let confirmed: { requestId: string; clientRequestId: string } | undefined;
    let writes = 0;
    for (let round = 1; ; round += 1) {
      if (!(await this.fenceLanded(item, request))) return undefined;
      if (!(await this.takePlace(place, onWait))) return undefined;
      const plan = await planAssignment(intune, item, requested, { checkGroups: round === 1 });
      const outcome = plan.outcome;
      if (outcome.kind === 'refused') throw new AppError(outcome.code, outcome.message);
      if (outcome.kind === 'already-assigned') {
        await fences.clear(itemKey(item), request.id);
        return inPlace(writes, confirmed, story);
      }
      if (round === 1) checkReviewed(request, outcome.diff);
      const empties = emptiesItem(outcome);
      if (empties && request.kept !== 0) throw unreviewedEmpty(outcome.diff);
      if (writes >= MAX_WRITES) throw giveUp(story);
      this.assertIdentity(as);
      writes += 1;
      const expected = shapesAfter(outcome.next);
      try {
        const result = await intune.writeAssignments(item, outcome.next, {
          justification: request.justification ?? '',
          appType: plan.appType,
          allowEmpty: empties,
          beforeAttempt: () => this.beforeAttempt(item, request, held, { onWait, place }),
          as,
        });
        // A 2xx or a hold: this attempt is known, so it can no longer land later.
        await fences.clear(itemKey(item), request.id);
        if (result.status === 'held') {
          const pending = { ...result.pending, base: shapesOf(plan.current), expected };
          return {
            type: 'held',
            outcome: { approvalCode: pending.approvalCode, heldWrite: pending },
          };
        }
        confirmed = { requestId: result.requestId, clientRequestId: result.clientRequestId };
        const check = await this.check(item, requested, expected);
        if (check === 'same' || check === 'in-place') {
          const note = check === 'in-place' ? [...story, CHANGED_MEANWHILE] : story;
          return assigned({ graphRequestId: confirmed.requestId, ...confirmed }, note);
        }
        story.push(afterWrite(writes, check));
      } catch (error) {
        if (error instanceof Stopping) return undefined;
        if (!(error instanceof AppError)) throw error;
        if (error.code !== 'write-unconfirmed') {
          await fences.clear(itemKey(item), request.id);
          throw error;
        }
        story.push(
          `Write ${writes} was not confirmed (${error.message}); the bot waited until it could no longer land and read the assignments again.`,
        );
      }
    }
  }

  private async replayLocked(
    request: AssignmentRequest,
    item: ItemRef,
    pending: PendingWrite,
    held: HeldLock,
    as: WriteIdentity | undefined,
  ): Promise<RunEvent | undefined> {
    const { intune, fences } = this.options;
    const requested = requestedAll(request);
    const approvalCode = pending.approvalCode;
    const onWait = this.queuedOnce(request);
    const place: Place = {};
    if (!(await this.fenceLanded(item, request))) return undefined;
    if (!(await this.takePlace(place, onWait))) return undefined;
    const current = await intune.getAssignments(item);
    if (listInPlace(current, requested)) {
      return { type: 'assigned', outcome: { alreadyAssigned: true, approvalCode } };
    }
    if (pending.base && !sameShapes(shapesOf(current), pending.base)) {
      throw new AppError(
        'assignments-changed',
        "The item's assignments changed in Intune while the write waited for Multi Admin Approval; replaying the approved write would undo those changes, so nothing was written. An approver can retry, which asks Intune again.",
      );
    }
    this.assertIdentity(as);
    try {
      const result = await intune.replay(pending, {
        beforeAttempt: () => this.beforeAttempt(item, request, held, { onWait, place }),
        as,
      });
      await fences.clear(itemKey(item), request.id);
      const check = pending.expected
        ? await this.check(item, requested, pending.expected)
        : 'unread';
      const ids = { graphRequestId: result.requestId, clientRequestId: result.clientRequestId };
      if (check === 'same') return assigned({ ...ids, approvalCode }, []);
      if (check === 'in-place') return assigned({ ...ids, approvalCode }, [CHANGED_MEANWHILE]);
    } catch (error) {
      if (error instanceof Stopping) return undefined;
      if (!(error instanceof AppError)) throw error;
      if (error.code !== 'write-unconfirmed') await fences.clear(itemKey(item), request.id);
      if (error.code !== 'write-unconfirmed') throw error;
    }
    // Unknown or unverified: once the replay can no longer land, Intune's own set decides.
    if (!(await this.fenceLanded(item, request))) return undefined;
    if (listInPlace(await intune.getAssignments(item), requested)) {
      return { type: 'assigned', outcome: { approvalCode } };
    }
    throw new AppError(
      'assignment-missing',
      'After the approved write was replayed, the requested assignment was not in Intune. An approver can retry, which asks Intune again.',
    );
  }

  /** With writes as the approver, a write is sent only with an approver's identity. */
  private assertIdentity(as: WriteIdentity | undefined): void {
    if (this.options.asApprover && as === undefined)
      throw new AppError('sign-in-required', NO_APPROVER);
  }

  /**
   * Before each attempt leaves: the item's lock must still be held (a lost lease aborts before the
   * write, since another instance may now hold it); the attempt uses the place taken before the
   * read if it is fresh, else takes one (a retry after a 429, a slow read); then it is fenced.
   */
  private async beforeAttempt(
    item: ItemRef,
    request: AssignmentRequest,
    held: HeldLock,
    { onWait, place }: { onWait: (waitMs: number) => void; place: Place },
  ) {
    held.assertHeld();
    const fresh = place.at !== undefined && Date.now() - place.at <= PLACE_FRESH_MS;
    place.at = undefined;
    if (!fresh && !(await this.takePlace(place, onWait))) throw new Stopping();
    place.at = undefined;
    held.assertHeld();
    await this.options.fences.recordAttempt(itemKey(item), request.id);
    // Recording the fence took time too: the lock must still be held as the attempt leaves.
    held.assertHeld();
  }

  /** Takes a place in the write rate (waiting for one); false when shutdown stopped the wait. */
  private async takePlace(place: Place, onWait: (waitMs: number) => void): Promise<boolean> {
    if (!this.options.rate) return true;
    if (!(await this.options.rate.acquire(this.options.signal, onWait))) return false;
    place.at = Date.now();
    return true;
  }

  /**
   * Tells `onQueued` of the first wait past the threshold, and no later one: a wait for a write
   * place with its estimate, or (undefined) a wait for the item's lock that has passed it.
   */
  private queuedOnce(request: AssignmentRequest): (waitMs?: number) => void {
    let told = false;
    return (waitMs) => {
      if (told || (waitMs !== undefined && waitMs <= QUEUED_AFTER_MS)) return;
      told = true;
      this.options.onQueued?.(request, waitMs);
    };
  }

  /** Waits out any attempt to the item that may still land; false on shutdown. */
  private fenceLanded(item: ItemRef, request: AssignmentRequest): Promise<boolean> {
    return this.options.fences.waitUntilLanded(itemKey(item), this.options.signal, (fence) =>
      this.logger.info(
        {
          requestId: request.id,
          item: fence.item,
          heldBy: fence.requestId,
          landsBy: fence.landsBy,
        },
        'waiting until an earlier write to the item can no longer land',
      ),
    );
  }

  /** Reads the set after a write and compares it with what was posted. */
  private async check(
    item: ItemRef,
    requested: readonly RequestedAssignment[],
    expected: string[],
  ): Promise<Check> {
    try {
      const after = await this.options.intune.getAssignments(item);
      // Shapes leave settings out: a settings change counts only once its settings are read back.
      if (sameShapes(shapesOf(after), expected) && listInPlace(after, requested)) return 'same';
      return listInPlace(after, requested) ? 'in-place' : 'missing';
    } catch (error) {
      this.logger.warn({ err: error, item }, 'could not read the assignments after a write');
      return 'unread';
    }
  }
}

function assigned(outcome: AssignmentOutcome, story: string[]): RunEvent {
  return {
    type: 'assigned',
    outcome: story.length > 0 ? { ...outcome, note: story.join(' ') } : outcome,
  };
}

/** The requested assignment is there without a write now: before this run, or by one of its own. */
function inPlace(
  writes: number,
  confirmed: { requestId: string; clientRequestId: string } | undefined,
  story: string[],
): RunEvent {
  if (writes === 0) return assigned({ alreadyAssigned: true }, story);
  const ids = confirmed && { graphRequestId: confirmed.requestId, ...confirmed };
  return assigned({ ...ids }, story);
}

function checkReviewed(request: AssignmentRequest, diff: DiffLine[]): void {
  if (!request.diff || sameDiff(request.diff, diff)) return;
  const now = diff.map((d) => d.text).join('; ');
  throw new ReviewChanged(
    `The assignments changed since review: now ${now}. Nothing was written; an approver can retry to write this.`,
    diff,
  );
}

/**
 * The merge would now remove the item's last assignments, which its review did not say (another
 * assignment went meanwhile): never an empty set unreviewed. A retry shows and writes it as it is.
 */
function unreviewedEmpty(diff: DiffLine[]): ReviewChanged {
  return new ReviewChanged(
    'After this change the item would now have no assignments (others were removed in Intune since the review), which the review did not say. Nothing was written; an approver can retry to remove them all.',
    diff,
    0,
  );
}

function afterWrite(writes: number, check: Check): string {
  return check === 'missing'
    ? `After write ${writes}, Intune's assignments were not what was written and the requested assignment was missing (someone changed the item meanwhile); the bot merged again.`
    : `After write ${writes}, the assignments could not be read back; the bot read them again.`;
}

function giveUp(story: string[]): AppError {
  return new AppError(
    'assignment-missing',
    `The requested assignment is not in Intune after ${MAX_WRITES} writes. ${story.join(' ')} An approver can retry.`,
  );
}
