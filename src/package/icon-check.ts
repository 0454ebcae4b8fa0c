import { PNG } from 'pngjs';

/** The two icons Teams requires, with their sizes (Teams app manifest, `icons`). */
export const ICON_RULES = {
  color: { size: 192, what: 'full-colour icon' },
  outline: { size: 32, what: 'outline icon' },
} as const;

export type IconKind = keyof typeof ICON_RULES;

function decode(bytes: Buffer): PNG | undefined {
  try {
    return PNG.sync.read(bytes);
  } catch {
    // pngjs's reason (a CRC or chunk error) tells a designer nothing more than "not a PNG".
    return undefined;
  }
}

/** Pixels of an outline icon that are neither transparent nor white, as `x,y` strings. */
function colouredPixels(png: PNG): string[] {
  const found: string[] = [];
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = png.data.subarray(i * 4, i * 4 + 4);
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
      found.push(`${i % png.width},${Math.floor(i / png.width)}`);
    }
  }
  return found;
}

/**
 * What is wrong with an icon, in plain words (nothing when it is right): it must be a PNG of the
 * required size; the outline icon must also hold only white (at any opacity) and fully
 * transparent pixels, and show something.
 */
export function iconProblems(kind: IconKind, file: string, bytes: Buffer): string[] {
  const rule = ICON_RULES[kind];
  const png = decode(bytes);
  if (!png) return [`${file} (${rule.what}) is not a readable PNG file.`];
  const problems: string[] = [];
  if (png.width !== rule.size || png.height !== rule.size) {
    problems.push(
      `${file} (${rule.what}) is ${png.width}x${png.height}; Teams requires ${rule.size}x${rule.size}.`,
    );
  }
  if (kind === 'outline') {
    const coloured = colouredPixels(png);
    if (coloured.length > 0) {
      problems.push(
        `${file} (${rule.what}) has ${coloured.length} pixels that are neither white nor transparent (first at ${coloured[0]}); Teams requires a white glyph on a transparent background.`,
      );
    }
    if (!png.data.some((value, i) => i % 4 === 3 && value !== 0)) {
      problems.push(`${file} (${rule.what}) is fully transparent: it shows nothing.`);
    }
  }
  return problems;
}
