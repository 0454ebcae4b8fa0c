import type { Activity } from 'botbuilder';
import { isVerb, type Verb } from '../cards';

/** A card action as the bot reads it: a known verb and the submitted data. */
export interface CardAction {
  verb: Verb;
  data: Record<string, unknown>;
}

export type ParsedAction = { ok: true; action: CardAction } | { ok: false; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the verb and data of an `Action.Execute` invoke (`value.action`) or of an `Action.Submit`
 * message (`value`, verb inside). Anything else, or an unknown verb, is refused.
 */
export function parseAction(activity: Partial<Activity>): ParsedAction {
  const value: unknown = activity.value;
  if (!isRecord(value)) return { ok: false, message: 'The card action carried no data.' };
  const action = activity.type === 'invoke' ? value.action : value;
  if (!isRecord(action)) return { ok: false, message: 'The card action carried no data.' };
  const data = isRecord(action.data) ? { ...action.data } : { ...action };
  const verb = activity.type === 'invoke' ? action.verb : (data.verb ?? action.verb);
  if (!isVerb(verb))
    return { ok: false, message: `The card action '${String(verb).slice(0, 40)}' is not known.` };
  return { ok: true, action: { verb, data } };
}

/**
 * A string input from card data, as sent; undefined when absent or not a string. Ids and typed
 * text are never cut short (the HTTP body limit bounds them): a cut value would be checked as
 * something the user did not send. `max` cuts search queries only, where that is harmless.
 */
export function text(data: Record<string, unknown>, key: string, max?: number): string | undefined {
  const value = data[key];
  if (typeof value !== 'string') return undefined;
  return max !== undefined && value.length > max ? value.slice(0, max) : value;
}

/** The request or draft id a card action refers to (ids are short, opaque strings). */
export function requestIdOf(data: Record<string, unknown>): string | undefined {
  const id = data.requestId ?? data.draftId;
  return typeof id === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : undefined;
}
