import { kindRules } from '../../domain/item-targets';
import { displayId, type AssignmentRequest } from '../../domain/request';
import type { Caps } from '../types';
import { diffRows, isAlreadyAssigned, type DiffRow } from './diff';
import { settingsFact, type Fact } from './facts';
import {
  filterLabel,
  keptLabel,
  intentLabel,
  itemLabel,
  requestTargetLabel,
  statusColor,
  statusLabel,
  type TextColor,
} from './labels';
import { hasTargetList, listFacts, noAssignmentsLeft } from './targets';
import { statusLines, type Audience, type StatusLine } from './request-status';
import { cardDateTime } from './time';
import { typedText } from './typed';

/** Teams refreshes a card for at most 60 users (`refresh.userIds`). */
export const MAX_REFRESH_USER_IDS = 60;

/** Who a request card is for, and what that viewer may do. */
export interface RequestViewer {
  caps: Caps;
  audience: Audience;
  /** True when this viewer may act: an eligible approver, or the requester (who may cancel). */
  canAct: boolean;
  /**
   * Users whose Teams client fetches their own version of the card (`refresh.userIds`). Only the
   * first {@link MAX_REFRESH_USER_IDS} are used; other approvers get a direct message with working
   * buttons, and the server authorizes every click whatever a card shows.
   */
  refreshUserIds?: string[];
  /**
   * One line at the top saying why the click that led here changed nothing, e.g. `REQ-1042 was
   * already approved by Patti`: a stale card is answered with the request as it stands.
   */
  notice?: string;
}

/**
 * The request card's model. `justification` and `reason` are what people typed: the template
 * shows them as `TextRun`s, which Teams never reads as markdown, so an approver sees exactly what
 * was typed (`**x**`, `[click](https://...)` and `<at>` included).
 */
export interface RequestView {
  notice: string;
  hasNotice: boolean;
  requestId: string;
  header: string;
  headerColor: TextColor;
  facts: Fact[];
  justification: string;
  hasJustification: boolean;
  /** The rejection reason, shown under the status once rejected. */
  reason: string;
  hasReason: boolean;
  diff: DiffRow[];
  hasDiff: boolean;
  /** What the write keeps besides the change, e.g. `3 existing assignments are kept as they are.` */
  kept: string;
  hasKept: boolean;
  status: StatusLine[];
  showApprove: boolean;
  showCancel: boolean;
  showRetry: boolean;
  hasRefresh: boolean;
  refreshUserIds: string[];
}

function requestFacts(request: AssignmentRequest): Fact[] {
  const facts: Fact[] = [];
  if (request.item) facts.push({ title: 'Item', value: itemLabel(request.item) });
  if (hasTargetList(request)) {
    facts.push(...listFacts(request));
  } else {
    if (request.target) facts.push({ title: 'Target', value: requestTargetLabel(request) });
    if (request.intent) facts.push({ title: 'Intent', value: intentLabel(request.intent) });
  }
  if (!hasTargetList(request) && (!request.item || kindRules(request.item.kind).filter)) {
    facts.push({ title: 'Filter', value: filterLabel(request.filter) });
  }
  // A list shows each entry's settings in its row.
  const settings = hasTargetList(request) ? undefined : settingsFact(request);
  if (settings !== undefined) facts.push(settings);
  facts.push({ title: 'Requested by', value: request.requester.name });
  if (request.submittedAt) {
    facts.push({ title: 'Submitted', value: cardDateTime(request.submittedAt) });
  }
  if (request.status === 'pending' && request.expiresAt) {
    facts.push({ title: 'Expires', value: cardDateTime(request.expiresAt) });
  }
  return facts;
}

/** The kept line of a request whose diff changes something (not for an already-assigned one). */
export function keptOf(request: AssignmentRequest): { kept: string; hasKept: boolean } {
  const changes = (request.diff?.length ?? 0) > 0 && !isAlreadyAssigned(request.diff);
  const kept = changes ? noAssignmentsLeft(request) || keptLabel(request.kept) : '';
  return { kept, hasKept: kept !== '' };
}

/**
 * The request card for one viewer. Buttons need `canAct`: Approve and Reject (with a reason) for
 * an approver while pending, Cancel for the requester while pending, Retry for an approver once
 * failed. A base card (`canAct` false) shows the status only.
 */
export function requestView(request: AssignmentRequest, viewer: RequestViewer): RequestView {
  const approver = viewer.canAct && viewer.audience !== 'requester';
  const refreshUserIds = (viewer.refreshUserIds ?? []).slice(0, MAX_REFRESH_USER_IDS);
  const diff = diffRows(request.diff);
  return {
    notice: viewer.notice ?? '',
    hasNotice: Boolean(viewer.notice),
    requestId: request.id,
    header: `${displayId(request)} · ${statusLabel(request.status)}`,
    headerColor: statusColor(request.status),
    facts: requestFacts(request),
    justification: typedText(request.justification ?? ''),
    hasJustification: Boolean(request.justification),
    reason: request.status === 'rejected' ? typedText(request.rejectReason ?? '') : '',
    hasReason: request.status === 'rejected' && Boolean(request.rejectReason),
    diff,
    hasDiff: diff.length > 0,
    ...keptOf(request),
    status: statusLines(request, viewer.audience, viewer.canAct),
    showApprove: approver && request.status === 'pending',
    showCancel: viewer.canAct && viewer.audience === 'requester' && request.status === 'pending',
    showRetry: approver && request.status === 'failed',
    hasRefresh: refreshUserIds.length > 0,
    refreshUserIds,
  };
}
