import { Bitmap, drawFittedText, lineHeight } from './text-raster';

/** Dark dots of `image` outside the rectangle [x0, x1) × [y0, y1). */
function darkOutside(image: Bitmap, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (image.get(x, y) && (x < x0 || x >= x1 || y < y0 || y >= y1)) n++;
  return n;
}

describe('text drawn for thermal labels', () => {
  it.each([
    ['a short name', 'Ali Naji'],
    ['the long name', "Marie-Éléonore-Françoise de La Tour d'Auvergne-Lauraguais"],
    ['an Arabic name', 'فاطمة الزهراء بنعبد الله'],
    ['an endless word', 'W'.repeat(80)],
  ])('fits %s in its box with the widths of the glyphs drawn: nothing falls outside', (_, name) => {
    for (const dpi of [203, 300]) {
      // The 4×3 label's name box: 160.5 points wide, 24 points down to 10, two lines; 40 spare dots around.
      const width = Math.round((160.5 * dpi) / 72);
      const image = new Bitmap(width + 80, 2 * lineHeight(24, dpi) + 80);
      const used = drawFittedText(image, name, 'bold', { x: 40, y: 40, width, maxSize: 24, minSize: 10, maxLines: 2 }, dpi);
      expect(used).toBeLessThanOrEqual(2 * lineHeight(24, dpi));
      expect(darkOutside(image, 40, 40, 40 + width, 40 + used)).toBe(0);
      expect(darkOutside(image, 0, 0, 0, 0)).toBeGreaterThan(100);
    }
  });
});
