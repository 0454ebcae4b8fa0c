/**
 * The app's two icons as pure drawings: a white check mark in a ring (an approved request), on a
 * purple rounded square for the colour icon and on nothing for the outline icon. Pixels are
 * computed from geometry with 4x4 supersampling, so the output is the same on every machine.
 */

/** An 8-bit RGBA image, rows top to bottom, as pngjs reads and writes it. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Buffer;
}

/** The purple of the colour icon, also the manifest's `accentColor`. */
export const ICON_PURPLE = { r: 0x5c, g: 0x2d, b: 0x91 } as const;

type Point = readonly [number, number];
/** A region in unit coordinates (0..1, y down). */
type Region = (x: number, y: number) => boolean;

function nearSegment(a: Point, b: Point, halfWidth: number): Region {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / lengthSquared));
    const [px, py] = [a[0] + t * dx - x, a[1] + t * dy - y];
    return px * px + py * py <= halfWidth * halfWidth;
  };
}

function ring(radius: number, halfWidth: number): Region {
  return (x, y) => Math.abs(Math.hypot(x - 0.5, y - 0.5) - radius) <= halfWidth;
}

function roundedSquare(cornerRadius: number): Region {
  return (x, y) => {
    const cx = Math.min(Math.max(x, cornerRadius), 1 - cornerRadius);
    const cy = Math.min(Math.max(y, cornerRadius), 1 - cornerRadius);
    return Math.hypot(x - cx, y - cy) <= cornerRadius;
  };
}

/** The glyph, scaled about the centre: 1 fills the canvas edge to edge. */
function glyph(scale: number, stroke: number): Region {
  const at = (x: number, y: number): Point => [0.5 + (x - 0.5) * scale, 0.5 + (y - 0.5) * scale];
  const parts = [
    ring(0.44 * scale, stroke / 2),
    nearSegment(at(0.29, 0.52), at(0.44, 0.67), stroke * 0.6),
    nearSegment(at(0.44, 0.67), at(0.72, 0.37), stroke * 0.6),
  ];
  return (x, y) => parts.some((inside) => inside(x, y));
}

interface Layer {
  region: Region;
  rgb: { r: number; g: number; b: number };
}

const WHITE = { r: 255, g: 255, b: 255 };
const SAMPLES = 4;

/** Paints layers (last on top), averaging premultiplied colour over each pixel's samples. */
function paint(size: number, layers: Layer[]): RgbaImage {
  const data = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let s = 0; s < SAMPLES * SAMPLES; s++) {
        const x = (px + ((s % SAMPLES) + 0.5) / SAMPLES) / size;
        const y = (py + (Math.floor(s / SAMPLES) + 0.5) / SAMPLES) / size;
        const top = layers.findLast((layer) => layer.region(x, y));
        if (!top) continue;
        [r, g, b, a] = [r + top.rgb.r, g + top.rgb.g, b + top.rgb.b, a + 1];
      }
      const offset = (py * size + px) * 4;
      // A fully transparent pixel is written as transparent white, so the outline icon holds
      // no colour but white even where nothing is drawn.
      const [or, og, ob] = a === 0 ? [255, 255, 255] : [r / a, g / a, b / a];
      data[offset] = Math.round(or);
      data[offset + 1] = Math.round(og);
      data[offset + 2] = Math.round(ob);
      data[offset + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return { width: size, height: size, data };
}

/** The 192x192 full-colour icon: the white glyph on a purple rounded square. */
export function colorIcon(): RgbaImage {
  return paint(192, [
    { region: roundedSquare(0.2), rgb: ICON_PURPLE },
    { region: glyph(0.66, 0.055), rgb: WHITE },
  ]);
}

/** The 32x32 outline icon: the white glyph on a fully transparent background. */
export function outlineIcon(): RgbaImage {
  return paint(32, [{ region: glyph(0.9, 0.1), rgb: WHITE }]);
}
