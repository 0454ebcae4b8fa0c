/** A typed command (SPEC section 3), with its argument. */
export type Command =
  | { name: 'assign' }
  | { name: 'myRequests' }
  | { name: 'pending' }
  | { name: 'status'; id: string }
  | { name: 'cancel'; id: string }
  | { name: 'setApprovalsChannel' }
  | { name: 'help' };

const PATTERNS: [RegExp, (match: RegExpExecArray) => Command][] = [
  [/^(assign|new|new request|request)$/, () => ({ name: 'assign' })],
  [/^my requests?$/, () => ({ name: 'myRequests' })],
  [/^(pending|queue)$/, () => ({ name: 'pending' })],
  [/^status\s+(\S+)$/, (m) => ({ name: 'status', id: m[1] ?? '' })],
  [/^cancel\s+(\S+)$/, (m) => ({ name: 'cancel', id: m[1] ?? '' })],
  [/^set approvals? channel$/, () => ({ name: 'setApprovalsChannel' })],
];

/** Reads a typed command; anything unknown is `help` (the help card answers it). */
export function parseCommand(text: string | undefined): Command {
  const normalized = (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(normalized);
    if (match) return build(match);
  }
  return { name: 'help' };
}
