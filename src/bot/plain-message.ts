/**
 * A text message shown as plain text: event texts quote what people typed (a rejection reason),
 * which must reach the reader as typed, never as markdown, a link or a mention.
 */
export function plainMessage(text: string): { type: 'message'; text: string; textFormat: 'plain' } {
  return { type: 'message', text, textFormat: 'plain' };
}
