import type { AssignmentRequest } from '../domain/request';
import { renderCard } from './render';
import type { Caps, CardAttachment } from './types';
import { noticeView, type NoticeKind } from './views/notice';
import { requestView, type RequestViewer } from './views/request';
import { requestListView } from './views/request-list';
import { wizardView } from './views/wizard';
import type { WizardContext } from './views/wizard-context';

/** Greets a new install: what the bot does, with buttons for the main commands. */
export function welcomeCard(caps: Caps): CardAttachment {
  return renderCard('welcome', {}, caps.style);
}

/** The commands; also the answer to text the bot does not understand. */
export function helpCard(caps: Caps): CardAttachment {
  return renderCard('help', {}, caps.style);
}

/** The wizard at the draft's current step, updated in place on every answer. */
export function wizardCard(draft: AssignmentRequest, ctx: WizardContext): CardAttachment {
  const view = wizardView(draft, ctx);
  return renderCard(view.template, view.model, ctx.caps.style);
}

/** A request in its current state, for one viewer (see {@link RequestViewer}). */
export function requestCard(request: AssignmentRequest, viewer: RequestViewer): CardAttachment {
  return renderCard('request', requestView(request, viewer), viewer.caps.style);
}

/**
 * "My requests" or "Pending approvals". Ages are relative to `now` (an ISO time from the Clock)
 * when given; otherwise rows show the submission time.
 */
export function requestListCard(
  title: string,
  requests: readonly AssignmentRequest[],
  caps: Caps,
  now?: string,
): CardAttachment {
  return renderCard('request-list', requestListView(title, requests, now), caps.style);
}

/** A short message or error; it has no actions, so it reads the same in every channel. */
export function noticeCard(text: string, kind: NoticeKind): CardAttachment {
  return renderCard('notice', noticeView(text, kind), 'execute');
}
