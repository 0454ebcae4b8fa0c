import type { DiffLine } from '../../domain/assignment';
import type { TextColor } from './labels';
import { typedText } from './typed';

/**
 * A diff line as the templates show it: monospace, coloured by kind, as a `TextRun` (group and
 * filter names are typed by people too, and must not render as markdown or links).
 */
export interface DiffRow {
  text: string;
  color: TextColor;
}

const DIFF_COLORS: Record<DiffLine['kind'], TextColor> = {
  add: 'Good',
  remove: 'Attention',
  change: 'Attention',
  unchanged: 'Default',
};

/**
 * `+` lines green, `~` and `-` lines in the attention colour (a change rewrites an existing
 * assignment, e.g. forces an install that was optional; a removal takes one away), `=` lines plain.
 */
export function diffRows(diff: readonly DiffLine[] | undefined): DiffRow[] {
  return (diff ?? []).map((line) => ({
    text: typedText(line.text),
    color: DIFF_COLORS[line.kind],
  }));
}

/** True when every line re-states an existing assignment: there is nothing to request. */
export function isAlreadyAssigned(diff: readonly DiffLine[] | undefined): boolean {
  return diff !== undefined && diff.length > 0 && diff.every((line) => line.kind === 'unchanged');
}
