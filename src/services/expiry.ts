import { formatInstant, type AssignmentRequest } from '../domain/request';
import { notifyLater } from './notify';
import { silentLogger, type ServiceOptions } from './options';
import { eachRequest } from './request-pages';
import { applyEvent, saveEdit } from './transitions';

const HOUR_MS = 3_600_000;

/**
 * Requests a sweep reads at a time: a backlog of 20,000 due requests is worked through in pages,
 * each request a compare-and-set of its own, with turns served in between.
 */
export const EXPIRY_PAGE_SIZE = 50;

type ExpiryDeps = Pick<
  ServiceOptions,
  'store' | 'clock' | 'notifier' | 'logger' | 'tasks' | 'settings'
>;

/** Expires one pending request; the expired request when this call won, undefined otherwise. */
async function expire(
  deps: ExpiryDeps,
  request: AssignmentRequest,
): Promise<AssignmentRequest | undefined> {
  const detail = request.expiresAt && `Not decided by ${formatInstant(request.expiresAt)}.`;
  const applied = await applyEvent(deps, request, { type: 'expire' }, { detail });
  if (applied.kind !== 'won') return undefined;
  notifyLater(deps, applied.request, 'expire');
  return applied.request;
}

/**
 * A pending request whose time has passed is expired now, even if no sweep has run yet, so that
 * nobody approves it late. Answers the request as it stands afterwards.
 */
export async function expireIfOverdue(
  deps: ExpiryDeps,
  request: AssignmentRequest,
): Promise<AssignmentRequest> {
  const now = deps.clock.now().toISOString();
  if (request.status !== 'pending' || request.expiresAt === undefined || request.expiresAt > now) {
    return request;
  }
  return (await expire(deps, request)) ?? (await deps.store.get(request.id)) ?? request;
}

/**
 * Pending requests run out: one reminder to the approvers `reminderBeforeHours` before the end,
 * then expiry. Both are compare-and-sets, so several instances sweeping at once remind and expire
 * each request exactly once. The composition root calls `sweep()` on a timer.
 */
export class Expiry {
  constructor(
    private readonly deps: ExpiryDeps,
    private readonly pageSize = EXPIRY_PAGE_SIZE,
  ) {}

  /** Expires every pending request whose expiry has passed, page by page; answers how many. */
  async expireDue(): Promise<number> {
    const now = this.deps.clock.now().toISOString();
    const due = { statuses: ['pending'], expiresBefore: now } as const;
    let expired = 0;
    for await (const request of eachRequest(this.deps.store, due, this.pageSize)) {
      if (await expire(this.deps, request)) expired += 1;
    }
    return expired;
  }

  /** Marks and sends the one reminder of each pending request close to its expiry. */
  async remindDue(): Promise<number> {
    const hours = this.deps.settings.reminderBeforeHours;
    if (hours <= 0) return 0;
    const now = this.deps.clock.now();
    const window = {
      statuses: ['pending'],
      expiresAfter: now.toISOString(),
      expiresBefore: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
    } as const;
    let reminded = 0;
    for await (const request of eachRequest(this.deps.store, window, this.pageSize)) {
      if (request.remindedAt !== undefined) continue;
      if (await this.remind(request, now.toISOString())) reminded += 1;
    }
    return reminded;
  }

  /** Reminders first, so a request about to expire still gets its one reminder in order. */
  async sweep(): Promise<{ reminded: number; expired: number }> {
    const reminded = await this.remindDue();
    const expired = await this.expireDue();
    return { reminded, expired };
  }

  private async remind(request: AssignmentRequest, now: string): Promise<boolean> {
    const saved = await saveEdit(this.deps, request, { remindedAt: now }, { action: 'remind' });
    if (!saved.ok) return false;
    const { tasks, notifier } = this.deps;
    const logger = this.deps.logger ?? silentLogger;
    tasks.run(async () => {
      try {
        await notifier.reminder(saved.request);
      } catch (error) {
        logger.warn({ err: error, requestId: request.id }, 'reminder notification failed');
      }
    }, `remind ${request.id}`);
    return true;
  }
}
