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

/**
 * The longest text read as a command. Commands are a few words, and a message can be as long as
 * the body limit: longer text is not a command, and is never parsed at all.
 */
export const MAX_COMMAND_LENGTH = 1000;

/**
 * Reads a typed command; anything unknown, or longer than `MAX_COMMAND_LENGTH`, is `help` (the
 * help card answers it). Linear in its input: a tag is `<` up to the next `>` with no `<` inside,
 * so a failed match ends at the next `<` and no character is scanned from two starts.
 */
export function parseCommand(text: string | undefined): Command {
  if (text === undefined || text.length > MAX_COMMAND_LENGTH) return { name: 'help' };
  const normalized = text
    .replace(/<[^<>]*>/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(normalized);
    if (match) return build(match);
  }
  return { name: 'help' };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The text of a message with the bot's @mention removed (Teams puts `<at>Bot</at>` in channel
 * messages). botbuilder's `removeRecipientMention` throws on a forged activity whose entities lack
 * a `type` or a `mentioned`, or whose text is not a string; this reads only what is well formed,
 * so such an activity is answered like any unknown text instead of failing the turn.
 */
export function textWithoutBotMention(activity: {
  text?: unknown;
  entities?: unknown;
  recipient?: { id?: unknown };
}): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  const mention = entities.find(
    (e): e is { text: string } =>
      isRecord(e) &&
      String(e.type).toLowerCase() === 'mention' &&
      isRecord(e.mentioned) &&
      e.mentioned.id === botId &&
      typeof e.text === 'string' &&
      e.text !== '',
  );
  return (mention ? text.replace(mention.text, '') : text).trim();
}
