import type { ActionStyle } from './types';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One action in the requested style. Templates write every action once, as Teams wants it:
 * `Action.Execute` with a `verb` and `data: { requestId, ... }`. Both styles carry the verb inside
 * `data` too, so the bot reads one shape from an invoke and from a message; `submit` then turns the
 * action into an `Action.Submit` without the `verb` property, which Web Chat does not know.
 */
function styleAction(action: Record<string, Json>, style: ActionStyle): Record<string, Json> {
  const { verb, data, ...rest } = action;
  const merged = { verb, ...(isObject(data) ? data : {}) };
  return style === 'execute'
    ? { ...rest, verb, data: merged }
    : { ...rest, type: 'Action.Submit', data: merged };
}

function transform(node: Json, style: ActionStyle): Json {
  if (Array.isArray(node)) return node.map((item) => transform(item, style));
  if (!isObject(node)) return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === null) continue;
    if (key === 'refresh' && style === 'submit') continue;
    out[key] = transform(value, style);
  }
  return out.type === 'Action.Execute' ? styleAction(out, style) : out;
}

/**
 * Rewrites an expanded card for a channel, the one place where action styles differ: every
 * `Action.Execute` (also inside `Action.ShowCard` cards, `refresh` and `selectAction`) gets the
 * verb in its data, and for `submit` becomes an `Action.Submit`; `refresh` is dropped for `submit`
 * (Web Chat has no Universal Actions). Properties a template's `$when` turned into `null` are
 * removed. Returns a new object; the input is not changed.
 */
export function applyActionStyle(
  card: Record<string, unknown>,
  style: ActionStyle,
): Record<string, unknown> {
  return transform(card, style) as Record<string, unknown>;
}
