/**
 * Free text a person types for others to read: a request's justification, a rejection reason.
 * Every pattern here is a single character class without a quantifier, so each test is linear in
 * the text's length (a 200,000-character text is checked in well under a millisecond per pass).
 */

/** Trimmed at both ends: whitespace, controls and the zero-width characters. */
const BLANK = /[\s\p{Cc}\u200B-\u200D\u2060\uFEFF]/u;

/**
 * A character that shows: not whitespace, not a control or format character (which covers the
 * zero-width ones), not one of the Hangul fillers that render as nothing.
 */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]/u;

/**
 * Bidi embedding, override and isolate controls: they reorder what is shown, so an approver would
 * read something other than what was typed (and stored, and sent to Intune).
 */
const DIRECTION = /[\u202A-\u202E\u2066-\u2069]/u;

/** How one kind of typed text is checked and spoken of. */
export interface TypedTextRules {
  /** The text as messages name it, capitalised: `The justification`, `The reason`. */
  label: string;
  /** The longest text accepted once trimmed, in UTF-16 units (as `Input.Text` counts). */
  maxLength: number;
  /** What to say when nothing visible was typed: what the text is for. */
  whenBlank: string;
}

/** The text to store, or why it is refused, in words for the person who typed it. */
export type TypedText = { ok: true; text: string } | { ok: false; message: string };

const count = (n: number) => `${n.toLocaleString('en-US')} character${n === 1 ? '' : 's'}`;

function trimBlank(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && BLANK.test(text.charAt(start))) start += 1;
  while (end > start && BLANK.test(text.charAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

/**
 * Checks typed text before it is stored: trims whitespace, controls and zero-width characters at
 * both ends; refuses text with nothing visible in it, text longer than `maxLength`, and text with
 * bidi controls. The length a refusal reports is that of the whole trimmed text as it was sent,
 * never of a cut copy. Pure; the input is never cut or rewritten inside.
 */
export function checkTypedText(typed: string, rules: TypedTextRules): TypedText {
  const text = trimBlank(typed);
  if (!VISIBLE.test(text)) {
    const sent =
      typed.length === 0
        ? ''
        : ` What you sent is ${count(typed.length)} of spaces or invisible characters.`;
    return { ok: false, message: `${rules.whenBlank}${sent}` };
  }
  if (text.length > rules.maxLength) {
    const message = `${rules.label} is ${count(text.length)} long; keep it to ${rules.maxLength.toLocaleString('en-US')}.`;
    return { ok: false, message };
  }
  const control = DIRECTION.exec(text)?.[0];
  if (control !== undefined) {
    const code = `U+${control.charCodeAt(0).toString(16).toUpperCase()}`;
    const message = `${rules.label} contains an invisible character that changes the direction of the text (${code}), so others would not read what you typed; remove it.`;
    return { ok: false, message };
  }
  return { ok: true, text };
}
