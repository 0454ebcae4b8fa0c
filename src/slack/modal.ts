import { INTENTS, type Intent } from '../domain/assignment';
import { ITEM_KINDS, type AssignmentRequest, type ItemKind } from '../domain/request';
import { intentLabel, kindLabel } from '../cards/views/labels';
import { requestView } from '../cards/views/request';
import { clip, plain, requestBlocks, section, type Block } from './blocks';

/** The modals' callback ids, and the blocks and actions of the request modal. */
export const VIEWS = {
  request: 'request.new',
  review: 'request.review',
  reject: 'request.reject-reason',
  done: 'request.done',
  settings: 'request.settings',
} as const;

export const FIELDS = {
  kind: 'kind',
  item: 'item',
  target: 'target',
  mode: 'mode',
  intent: 'intent',
  justification: 'justification',
  reason: 'reason',
} as const;

/** The target options that are not groups. */
export const ALL_USERS = 'allUsers';
export const ALL_DEVICES = 'allDevices';

/** An option of a select, with Slack's limit of 75 characters on its text. */
export const option = (text: string, value: string) => ({ text: plain(text, 75), value });

export const input = (blockId: string, label: string, element: Block, optional = false): Block => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  optional,
  element: { ...element, action_id: blockId },
});

/**
 * The request modal: kind, item and target by typeahead (`external_select`, answered from the same
 * catalog and group search as Teams), include or exclude, intent, justification. Submitting it
 * runs the wizard's steps and shows the review.
 */
export function requestModal(justificationMax: number, kind: ItemKind = 'app'): Block {
  const kinds = ITEM_KINDS.map((k) => option(kindLabel(k), k));
  return {
    type: 'modal',
    callback_id: VIEWS.request,
    title: plain('Request an assignment', 24),
    submit: plain('Review', 24),
    close: plain('Cancel', 24),
    blocks: [
      input(FIELDS.kind, 'What to assign', {
        type: 'static_select',
        options: kinds,
        initial_option: kinds.find((o) => o.value === kind),
      }),
      input(FIELDS.item, 'App or policy (type to search)', {
        type: 'external_select',
        min_query_length: 1,
        placeholder: plain('Start typing a name', 150),
      }),
      input(FIELDS.target, 'Assign to (type a group name)', {
        type: 'external_select',
        min_query_length: 0,
        placeholder: plain('All users, All devices, or a group', 150),
      }),
      input(FIELDS.mode, 'Include or exclude', {
        type: 'radio_buttons',
        options: [option('Include', 'include'), option('Exclude', 'exclude')],
        initial_option: option('Include', 'include'),
      }),
      input(
        FIELDS.intent,
        'Intent (apps only)',
        {
          type: 'static_select',
          options: INTENTS.map((intent: Intent) => option(intentLabel(intent), intent)),
        },
        true,
      ),
      input(FIELDS.justification, 'Justification (approvers see it)', {
        type: 'plain_text_input',
        multiline: true,
        max_length: Math.min(justificationMax, 3000),
      }),
    ],
  };
}

/** The review: the request as approvers will see it, the diff against Intune as it stands now. */
export function reviewModal(draft: AssignmentRequest): Block {
  const view = requestView(draft, {
    caps: { style: 'execute', typeahead: false },
    audience: 'requester',
    canAct: false,
  });
  // The review shows what is asked; the status lines are for the submitted request.
  const blocks = requestBlocks({ ...view, status: [], showCancel: false, header: 'Review' });
  return {
    type: 'modal',
    callback_id: VIEWS.review,
    private_metadata: draft.id,
    title: plain('Review the request', 24),
    submit: plain('Submit', 24),
    close: plain('Back out', 24),
    blocks: [
      section(
        'Check the change below against Intune as it stands now, then submit it to the approvers.',
      ),
      ...blocks.slice(0, 48),
    ],
  };
}

/** A modal that says one thing (the request was submitted, or why it could not be). */
export function messageModal(title: string, text: string): Block {
  return {
    type: 'modal',
    callback_id: VIEWS.done,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [section(clip(text, 3000))],
  };
}

/** Reject asks for the reason, which the requester sees. */
export function rejectModal(requestId: string, displayId: string, maxLength: number): Block {
  return {
    type: 'modal',
    callback_id: VIEWS.reject,
    private_metadata: requestId,
    title: plain(`Reject ${displayId}`, 24),
    submit: plain('Reject', 24),
    close: plain('Cancel', 24),
    blocks: [
      input(FIELDS.reason, 'Why? The requester sees this.', {
        type: 'plain_text_input',
        multiline: true,
        max_length: Math.min(maxLength, 3000),
      }),
    ],
  };
}
