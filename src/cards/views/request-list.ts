import { displayId, type AssignmentRequest } from '../../domain/request';
import { requestTargetLabel, statusColor, statusLabel, type TextColor } from './labels';
import { ageText, cardDateTime } from './time';

/** At most this many rows on a list card; the rest are counted. */
export const MAX_LIST_ROWS = 20;

export interface RequestRow {
  id: string;
  summary: string;
  status: string;
  color: TextColor;
  age: string;
}

export interface RequestListView {
  title: string;
  rows: RequestRow[];
  hasRows: boolean;
  isEmpty: boolean;
  more: string;
  hasMore: boolean;
}

function row(request: AssignmentRequest, now: string | undefined): RequestRow {
  const since = request.submittedAt ?? request.createdAt;
  const target = requestTargetLabel(request);
  return {
    id: displayId(request),
    summary: `${request.item?.name ?? 'No item yet'}${target ? ` → ${target}` : ''}`,
    status: statusLabel(request.status),
    color: statusColor(request.status),
    age: now === undefined ? cardDateTime(since) : ageText(since, now),
  };
}

/**
 * A list of requests ("My requests", "Pending approvals"): one row each with its id, item → target,
 * status and age (relative to `now` when given, else the submission time in the viewer's locale).
 */
export function requestListView(
  title: string,
  requests: readonly AssignmentRequest[],
  now?: string,
): RequestListView {
  const rows = requests.slice(0, MAX_LIST_ROWS).map((r) => row(r, now));
  const hidden = requests.length - rows.length;
  return {
    title,
    rows,
    hasRows: rows.length > 0,
    isEmpty: rows.length === 0,
    more: hidden > 0 ? `and ${hidden} more` : '',
    hasMore: hidden > 0,
  };
}
