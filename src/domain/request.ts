import type {
  DiffLine,
  FilterRef,
  Intent,
  RequestableTarget,
  RequestedAssignment,
} from './assignment';
import type { AssignmentSettings } from './assignment-settings';

/**
 * What can be assigned: a mobile app, an app configuration policy for managed devices
 * (`configPolicy`) or one for managed apps (`managedAppConfig`, delivered through the Intune App
 * SDK whether or not the device is enrolled).
 */
export const ITEM_KINDS = ['app', 'configPolicy', 'managedAppConfig'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** True for a kind the product knows; anything else in card data is refused. */
export function isItemKind(value: unknown): value is ItemKind {
  return (ITEM_KINDS as readonly unknown[]).includes(value);
}

/** The states of a request (SPEC section 4). */
export const REQUEST_STATUSES = [
  'draft',
  'pending',
  'approved',
  'assigning',
  'awaiting-intune-approval',
  'assigned',
  'rejected',
  'cancelled',
  'expired',
  'failed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A person, by Entra object id, with the name shown on cards. */
export interface Person {
  id: string;
  name: string;
}

/** The item a request assigns, as it was chosen. */
export interface RequestItem {
  kind: ItemKind;
  id: string;
  name: string;
  /** Graph type without namespace, e.g. `win32LobApp` or `iosMobileAppConfiguration`. */
  type: string;
  platform: string;
  publisher?: string;
}

/**
 * The wizard's steps, in order (SPEC section 3). `settings` applies only to apps whose type has
 * assignment settings the Intune API in use can write, and never to exclusions; it is optional
 * (answering the justification while at it keeps the defaults).
 */
export const WIZARD_STEPS = [
  'kind',
  'item',
  'target',
  'intent',
  'settings',
  'justification',
  'review',
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Where a draft's wizard stands. */
export interface DraftState {
  step: WizardStep;
  /** The kind chosen at the first step, before an item is chosen. */
  kind?: ItemKind;
  /** The last search typed in the search-box variant (channels without typeahead). */
  itemQuery?: string;
  groupQuery?: string;
}

/** The outcome of the Graph work, once there is one. */
export interface AssignmentOutcome {
  /** Graph's `request-id` of the write (or of the failed call). */
  graphRequestId?: string;
  clientRequestId?: string;
  /** True when the assignment already existed and nothing was written. */
  alreadyAssigned?: boolean;
  error?: { code: string; message: string };
  /** What happened on the way, for the thread (an unconfirmed write, a set changed meanwhile). */
  note?: string;
  /** Multi Admin Approval: the code and the held write to replay (opaque to the domain). */
  approvalCode?: string;
  heldWrite?: unknown;
  /**
   * The approver whose own Intune rights refused the write (writes as the approver): the request
   * went back to pending, and `error` says why.
   */
  refusedBy?: Person;
}

/**
 * An assignment request from draft to its end. `revision` increases with every stored change and
 * is the compare-and-set key: two approvers, two clicks or two instances never both win.
 */
export interface AssignmentRequest {
  id: string;
  /** The short number shown as `REQ-<number>`, given on submit. */
  number?: number;
  revision: number;
  status: RequestStatus;
  tenantId: string;
  requester: Person;
  item?: RequestItem;
  target?: RequestableTarget;
  targetName?: string;
  intent?: Intent;
  filter?: FilterRef & { name?: string };
  /**
   * The other assignments the request asks for, whole (adds and removals), before the one in the
   * top-level `target` fields (the one the wizard edits). Absent on requests of one target; read
   * the whole list with `requestedList` (src/domain/request-list).
   */
  assignments?: RequestedAssignment[];
  /** Assignment settings chosen at the settings step: only those that change something. */
  settings?: AssignmentSettings;
  justification?: string;
  /** Present while the request is a draft. */
  draft?: DraftState;
  /** The diff shown at review and approved; re-checked before the write. */
  diff?: DiffLine[];
  /** How many existing assignments the write keeps as they are, as of the review or submit. */
  kept?: number;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  expiresAt?: string;
  remindedAt?: string;
  decidedBy?: Person;
  decidedAt?: string;
  rejectReason?: string;
  cancelledBy?: Person;
  /** Who last asked for the assignment to run (the approver, or a retry). */
  assignmentBy?: Person;
  attempts: number;
  outcome?: AssignmentOutcome;
}

/** `REQ-1042` for a submitted request; the draft's id otherwise. */
export function displayId(request: Pick<AssignmentRequest, 'id' | 'number'>): string {
  return request.number === undefined ? request.id : `REQ-${request.number}`;
}

/** Parses `REQ-1042` (any case, with or without the prefix) to 1042. */
export function parseDisplayId(text: string): number | undefined {
  const match = /^\s*(?:req-?)?(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** States in which nothing more will happen. */
export const FINAL_STATUSES: ReadonlySet<RequestStatus> = new Set([
  'assigned',
  'rejected',
  'cancelled',
  'expired',
]);

/** An instant as messages show it, e.g. `2025-03-01 14:05 UTC`. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * What has become of a request, as a sentence without its final period, e.g. `REQ-1042 was
 * approved by Patti Fernandez on 2025-03-01 14:05 UTC and assigned`. It tells a user why an action
 * no longer applies, and the loser of a race who won (`already` reads `was already approved`).
 */
export function describeStatus(
  request: AssignmentRequest,
  options: { already?: boolean } = {},
): string {
  const id = displayId(request);
  const was = options.already ? 'was already' : 'was';
  const by = (person?: Person) => (person ? ` by ${person.name}` : '');
  const on = (at?: string) => (at ? ` on ${formatInstant(at)}` : '');
  const approved = `${id} ${was} approved${by(request.decidedBy)}${on(request.decidedAt)}`;
  switch (request.status) {
    case 'draft':
      return `${id} is a draft that has not been submitted`;
    case 'pending':
      return `${id} is waiting for approval`;
    case 'approved':
    case 'assigning':
      return `${approved} and is being assigned`;
    case 'awaiting-intune-approval':
      return `${approved} and is waiting for an Intune administrator (Multi Admin Approval)`;
    case 'assigned':
      return `${approved} and assigned`;
    case 'failed':
      return `${approved}, but the assignment failed: ${request.outcome?.error?.message ?? 'unknown error'}`;
    case 'rejected':
      return `${id} ${was} rejected${by(request.decidedBy)}${on(request.decidedAt)}`;
    case 'cancelled':
      return `${id} ${was} cancelled${by(request.cancelledBy)}${on(request.updatedAt)}`;
    case 'expired':
      return `${id} ${options.already ? 'already expired' : 'expired'}${on(request.expiresAt)}`;
  }
}
