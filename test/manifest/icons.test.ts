import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { colorIcon, outlineIcon, type RgbaImage } from '../../src/package/icon-art';
import { iconProblems } from '../../src/package/icon-check';
import { ROOT } from './example-env';

const committed = (name: string) => readFileSync(join(ROOT, 'manifest', name));

function png(image: RgbaImage): Buffer {
  const out = new PNG({ width: image.width, height: image.height });
  image.data.copy(out.data);
  return PNG.sync.write(out);
}

describe('the icons', () => {
  test('the committed icons have the required sizes and the outline is white on transparent', () => {
    expect(iconProblems('color', 'color.png', committed('color.png'))).toEqual([]);
    expect(iconProblems('outline', 'outline.png', committed('outline.png'))).toEqual([]);
    expect(PNG.sync.read(committed('color.png'))).toMatchObject({ width: 192, height: 192 });
    expect(PNG.sync.read(committed('outline.png'))).toMatchObject({ width: 32, height: 32 });
  });

  test('the committed icons are exactly what make-icons draws', () => {
    expect(PNG.sync.read(committed('color.png')).data.equals(colorIcon().data)).toBe(true);
    expect(PNG.sync.read(committed('outline.png')).data.equals(outlineIcon().data)).toBe(true);
  });

  test('the colour icon is a purple rounded square with a white glyph', () => {
    const { data, width } = colorIcon();
    const at = (x: number, y: number) => [
      ...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4),
    ];
    expect(at(96, 4)).toEqual([0x5c, 0x2d, 0x91, 255]);
    expect(at(0, 0)[3]).toBe(0);
    expect(at(96, 96 - Math.round(0.44 * 0.66 * 192))).toEqual([255, 255, 255, 255]);
  });

  test('an outline icon with a coloured pixel is refused, naming where', () => {
    const image = outlineIcon();
    image.data.set([92, 45, 145, 255], (5 * 32 + 7) * 4);
    expect(iconProblems('outline', 'outline.png', png(image))).toEqual([
      expect.stringMatching(/1 pixels that are neither white nor transparent \(first at 7,5\)/),
    ]);
  });

  test('a wrong size, an empty outline and a file that is not a PNG are refused', () => {
    expect(iconProblems('outline', 'outline.png', committed('color.png'))).toEqual([
      expect.stringMatching(/192x192; Teams requires 32x32/),
      expect.stringMatching(/neither white nor transparent/),
    ]);
    const empty = { width: 32, height: 32, data: Buffer.alloc(32 * 32 * 4) };
    expect(iconProblems('outline', 'outline.png', png(empty))).toEqual([
      expect.stringMatching(/fully transparent: it shows nothing/),
    ]);
    expect(iconProblems('color', 'color.png', Buffer.from('GIF89a'))).toEqual([
      'color.png (full-colour icon) is not a readable PNG file.',
    ]);
  });
});
