/**
 * Text a person typed (a justification, a rejection reason, a search), made fit for a `TextRun`,
 * which shows it without markdown. Clients still expand `{{DATE(...)}}` and `{{TIME(...)}}` in
 * any text, so a zero-width space between the braces keeps it reading as typed and inert, as
 * `render.ts` does for `${`. Use it for every view field that echoes typed text.
 */
export function typedText(text: string): string {
  return text.replaceAll('{{', '{\u200b{');
}
