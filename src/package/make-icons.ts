import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { colorIcon, outlineIcon, type RgbaImage } from './icon-art';

/**
 * Writes `manifest/color.png` and `manifest/outline.png` from the drawings in `icon-art.ts`
 * (`npx tsx src/package/make-icons.ts`). Run once when the art changes; the PNGs are committed,
 * so `npm run package` never redraws them and a designer's replacement is kept.
 */
function encode(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  image.data.copy(png.data);
  return PNG.sync.write(png, { colorType: 6, deflateLevel: 9 });
}

const dir = join(__dirname, '..', '..', 'manifest');
for (const [name, image] of [
  ['color.png', colorIcon()],
  ['outline.png', outlineIcon()],
] as const) {
  const path = join(dir, name);
  writeFileSync(path, encode(image));
  console.log(`wrote ${path} (${image.width}x${image.height})`);
}
