import type { RequestView } from '../cards/views/request';

/**
 * Block Kit for Slack, from the same view models the Teams cards are rendered from: the transport
 * decides nothing, it only draws. Whatever people typed (a justification, a reason, names) goes in
 * `plain_text`, which Slack never reads as markup, mentions or links; our own words in `mrkdwn`
 * have `&`, `<` and `>` escaped as Slack asks.
 */

export type Block = Record<string, unknown>;

/** Slack's limits on the texts used here (Block Kit reference). */
export const LIMITS = { section: 3000, header: 150, button: 75, fallback: 3000 } as const;

/** `&`, `<` and `>` escaped, as mrkdwn requires; nothing else is touched. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The Adaptive Card time functions the shared view models write (`cardDateTime`). */
const CARD_TIME = /\{\{DATE\(([^,{}()]+), SHORT\)\}\} \{\{TIME\(([^{}()]+)\)\}\}/g;

/**
 * Times in Slack's terms: in mrkdwn, Slack's date token, which each reader sees in their own time
 * zone (`<!date^1764000000^{date_short} {time}|2026-11-24 16:00 UTC>`); in plain text, UTC.
 */
export function slackTimes(text: string, format: 'mrkdwn' | 'plain'): string {
  return text.replace(CARD_TIME, (whole, date: string) => {
    const ms = Date.parse(date);
    if (Number.isNaN(ms)) return whole;
    const utc = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return format === 'plain' ? utc : `<!date^${Math.floor(ms / 1000)}^{date_short} {time}|${utc}>`;
  });
}

export const plain = (text: string, max: number = LIMITS.section) => ({
  type: 'plain_text',
  text: clip(slackTimes(text, 'plain') || ' ', max),
  emoji: false,
});

/** Our own words as mrkdwn; whatever they quote must already be escaped. */
export const mrkdwn = (text: string) => ({
  type: 'mrkdwn',
  text: clip(slackTimes(text, 'mrkdwn'), LIMITS.section),
});

export const section = (text: string): Block => ({ type: 'section', text: plain(text) });

/** The action ids of the request message's buttons; the value is the request id. */
export const ACTIONS = {
  approve: 'request.approve',
  reject: 'request.reject',
  retry: 'request.retry',
  cancel: 'request.cancel',
} as const;

const STATUS_EMOJI: Record<string, string> = {
  Good: ':white_check_mark:',
  Attention: ':x:',
  Warning: ':warning:',
  Accent: ':hourglass_flowing_sand:',
  Default: '',
};

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger') {
  return {
    type: 'button',
    text: plain(text, LIMITS.button),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/**
 * The request as a Slack message: header, facts, justification, the diff in a code block, what is
 * kept, the status lines, and the buttons the view allows (Approve and Reject while pending, Retry
 * once failed). Slack shows the same message to everyone; the server authorizes each click.
 */
export function requestBlocks(view: RequestView): Block[] {
  const blocks: Block[] = [];
  if (view.hasNotice) blocks.push(section(view.notice));
  blocks.push({ type: 'header', text: plain(view.header, LIMITS.header) });
  const facts = view.facts.map((f) => `*${escapeMrkdwn(f.title)}:* ${escapeMrkdwn(f.value)}`);
  if (facts.length > 0) blocks.push({ type: 'section', text: mrkdwn(facts.join('\n')) });
  if (view.hasJustification) {
    blocks.push({ type: 'context', elements: [plain('Justification')] });
    blocks.push(section(view.justification));
  }
  if (view.hasDiff) {
    const lines = view.diff.map((row) => escapeMrkdwn(row.text)).join('\n');
    blocks.push({ type: 'section', text: mrkdwn(`\`\`\`${lines}\`\`\``) });
  }
  if (view.hasKept) blocks.push({ type: 'context', elements: [plain(view.kept)] });
  for (const line of view.status) {
    const emoji = STATUS_EMOJI[line.color] ?? '';
    blocks.push({ type: 'section', text: mrkdwn(`${emoji} ${escapeMrkdwn(line.text)}`.trim()) });
  }
  if (view.hasReason) {
    blocks.push({ type: 'context', elements: [plain('Reason')] });
    blocks.push(section(view.reason));
  }
  const buttons = [
    ...(view.showApprove
      ? [
          button('Approve', ACTIONS.approve, view.requestId, 'primary'),
          button('Reject', ACTIONS.reject, view.requestId, 'danger'),
        ]
      : []),
    ...(view.showRetry ? [button('Retry', ACTIONS.retry, view.requestId, 'primary')] : []),
    ...(view.showCancel ? [button('Cancel request', ACTIONS.cancel, view.requestId)] : []),
  ];
  if (buttons.length > 0) {
    blocks.push({ type: 'actions', block_id: `request:${view.requestId}`, elements: buttons });
  }
  return blocks;
}

/** The message's fallback text (notifications, screen readers): the header and the first status. */
export function requestText(view: RequestView): string {
  const text = [view.header, view.status[0]?.text].filter(Boolean).join(': ');
  return clip(escapeMrkdwn(slackTimes(text, 'plain')), LIMITS.fallback);
}
