import type { PageActivity } from './shim';
import type { Json } from './store';

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MAX_TEXT = 4000;

/**
 * Reads what the page posted: `{ type: 'message', text, clientActivityID? }` or `{ type: 'invoke',
 * replyToId, verb, data, trigger }` (an `Action.Execute` click or a card refresh). Anything else
 * is refused with a message saying what was expected.
 */
export function parsePageActivity(
  value: unknown,
): { ok: true; activity: PageActivity } | { ok: false; message: string } {
  if (!isRecord(value)) return { ok: false, message: 'activity must be a JSON object.' };
  if (value.type === 'message') {
    const { text, clientActivityID } = value;
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT)
      return { ok: false, message: `A message needs text of 1 to ${MAX_TEXT} characters.` };
    return {
      ok: true,
      activity: {
        type: 'message',
        text,
        clientActivityID: typeof clientActivityID === 'string' ? clientActivityID : undefined,
      },
    };
  }
  if (value.type === 'invoke') {
    const { replyToId, verb, data, trigger } = value;
    if (typeof replyToId !== 'string' || typeof verb !== 'string' || !isRecord(data ?? {}))
      return { ok: false, message: 'An invoke needs replyToId, verb and data.' };
    return {
      ok: true,
      activity: {
        type: 'invoke',
        replyToId,
        verb,
        data: (data ?? {}) as Json,
        trigger: trigger === 'automatic' ? 'automatic' : 'manual',
      },
    };
  }
  return { ok: false, message: "activity.type must be 'message' or 'invoke'." };
}
