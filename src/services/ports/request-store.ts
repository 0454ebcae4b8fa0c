import { createHash } from 'node:crypto';
import type { AssignmentRequest, RequestStatus } from '../../domain/request';

/** One audit record: who did what to which request, when, and Graph's request id if any. */
export interface AuditRecord {
  at: string;
  requestId: string;
  /** `REQ-1042` once submitted, the draft id before. */
  displayId: string;
  /** The event, e.g. `submit`, `approve`, `assigned`. */
  action: string;
  from: string;
  to: string;
  actorId?: string;
  actorName?: string;
  graphRequestId?: string;
  detail?: string;
}

/**
 * Where a page of the audit export ended: the instant of its last record and how many records at
 * exactly that instant have been read. Records are exported by time, and records of one instant in
 * the order they were written, so later writes do not move this position (a record written with
 * an earlier time than it is left to the next export), and it costs the store a seek however far
 * into the export it is. Built by {@link auditCursorAfter}.
 */
export interface AuditCursor {
  at: string;
  seen: number;
}

/** A page of an export: at most `limit` records, from where page `after` (same `since`) ended. */
export interface AuditPage {
  limit?: number;
  after?: AuditCursor;
}

/** Where reading stands after `page`, read after `previous` (which an empty page leaves as is). */
export function auditCursorAfter(
  page: readonly AuditRecord[],
  previous?: AuditCursor,
): AuditCursor | undefined {
  const at = page[page.length - 1]?.at;
  if (at === undefined) return previous;
  const here = page.filter((record) => record.at === at).length;
  return { at, seen: previous?.at === at ? previous.seen + here : here };
}

/**
 * The order of a listing, by `REQ` number: `oldest` (the default) or `newest` first. Drafts have no
 * number; they come after every numbered request, by creation time in the same direction.
 */
export type ListOrder = 'oldest' | 'newest';

/**
 * Which requests to list. The filters are combined with "and". Every backend does the filtering,
 * ordering and limiting itself, on indexes, so a list of one status or one requester costs about
 * its `limit` however many requests are stored. Turns and sweeps always pass a `limit` and page
 * with `afterNumber`; only `resumeOnStart` lists without one, as its states hold work in flight.
 */
export interface RequestQuery {
  statuses?: readonly RequestStatus[];
  /** Leaves out these states, e.g. `['draft']` for submitted requests only. */
  excludeStatuses?: readonly RequestStatus[];
  /** Only this person's requests (their Entra object id, as stored). */
  requesterId?: string;
  /** Leaves out this person's requests, compared without regard to case (as `sameId`). */
  notRequesterId?: string;
  /** Only requests of this tenant or recording none, compared as `sameTenant` compares them. */
  tenantId?: string;
  /** Only requests whose `expiresAt` is at or before this instant. */
  expiresBefore?: string;
  /** Only requests whose `expiresAt` is after this instant: reminders skip what is already due. */
  expiresAfter?: string;
  order?: ListOrder;
  /**
   * Only numbered requests past this number in the order (higher for `oldest`, lower for
   * `newest`): the cursor of the next page, the last number of the previous one. Leaves out drafts.
   */
  afterNumber?: number;
  limit?: number;
}

/** Where a card copy of a request lives, opaque to everything but the notifier that wrote it. */
export interface CardCopy {
  /**
   * `channel`, `requester` or `approver:<userId>` in Teams, `slack:channel` in Slack: one copy per
   * key; each transport updates only its own.
   */
  key: string;
  ref: Record<string, unknown>;
  /**
   * A fingerprint of what the copy last showed (the card the notifier last posted or put there),
   * so that an update that would show the same is not sent; absent when unknown.
   */
  shown?: string;
}

/**
 * A write to one Intune item whose outcome may still be unknown: Graph's assign takes no ETag, so
 * the bot fences its own writes in time. Recorded before each attempt leaves and removed once the
 * write is known to have landed or failed; while one stands (until `landsBy`), no other write to
 * the item is made, since a late landing would erase it.
 */
export interface WriteFence {
  /** The item, e.g. `app:<id>` or `configPolicy:<id>`. */
  item: string;
  /** The request whose write it is. */
  requestId: string;
  /** When the latest attempt left (ISO). */
  startedAt: string;
  /** After this instant (ISO) that attempt can no longer land. */
  landsBy: string;
}

/** The outcome of a compare-and-set: the stored request now, and whether this write won. */
export type SaveResult =
  { ok: true; request: AssignmentRequest } | { ok: false; current: AssignmentRequest | undefined };

/**
 * Requests with compare-and-set. `save(next, audit)` stores `next` only when the stored revision
 * is still `next.revision - 1`: of N concurrent transitions of one request exactly one wins, and
 * the losers get the winner's request to tell the user who won. The audit record is written with
 * the transition, atomically: no transition without its record, no record without its transition.
 */
export interface RequestStore {
  /** Stores a new request (revision 1); fails when the id exists. */
  create(request: AssignmentRequest, audit?: AuditRecord): Promise<void>;
  get(id: string): Promise<AssignmentRequest | undefined>;
  getByNumber(number: number): Promise<AssignmentRequest | undefined>;
  save(next: AssignmentRequest, audit?: AuditRecord): Promise<SaveResult>;
  /**
   * Audit records at or after `since` (ISO time), oldest first (by time, then in write order), all
   * of them or one page: an export of any size is read page by page without holding it whole.
   */
  auditSince(since: string, page?: AuditPage): Promise<AuditRecord[]>;
  list(query: RequestQuery): Promise<AssignmentRequest[]>;
  /** The next `REQ-` number, never given twice. */
  nextNumber(): Promise<number>;
  /** Records (or replaces) where a card copy of the request was posted. */
  putCardCopy(requestId: string, copy: CardCopy): Promise<void>;
  cardCopies(requestId: string): Promise<CardCopy[]>;
  /** Small settings, e.g. the approvals channel chosen in Teams. */
  getSetting(key: string): Promise<unknown>;
  putSetting(key: string, value: unknown): Promise<void>;
  /**
   * Stores a setting only when the key has none, atomically across instances sharing the store:
   * true for the one call that stored it, false for every other (e.g. a delivery already taken).
   */
  addSetting(key: string, value: unknown): Promise<boolean>;
  /**
   * Every setting whose key starts with `prefix`, by key: a collection kept one setting per
   * member (the known users), so that instances add members without overwriting each other.
   */
  settingsWithPrefix(prefix: string): Promise<{ key: string; value: unknown }[]>;
  /** The write fence standing on an item, if any (see {@link WriteFence}). */
  getFence(item: string): Promise<WriteFence | undefined>;
  /** Records (or replaces) the fence of an item, durably, before the attempt it covers leaves. */
  putFence(fence: WriteFence): Promise<void>;
  /** Removes an item's fence if `requestId` holds it; a fence of another request stays. */
  clearFence(item: string, requestId: string): Promise<void>;
  close(): Promise<void>;
}

/** What a copy shows, in a few bytes (`CardCopy.shown`): equal for equal content. */
export function fingerprint(shown: unknown): string {
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url');
}
