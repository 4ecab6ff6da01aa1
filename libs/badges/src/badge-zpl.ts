import { BadgeData, CATEGORY_STYLE, LayoutName, countryName, daysText, layout } from './badge-layouts';
import { Bitmap, FontName, drawFittedText, lineHeight } from './text-raster';

export type Dpi = 203 | 300;

const DIGITS = Buffer.from('0123456789ABCDEF', 'latin1');
const [COMMA, COLON] = [0x2c, 0x3a];

/**
 * A graphic field (^GF) in ZPL's compressed ASCII: hex digits with repeat counts (G–Y for 1–19, g–z for
 * 20–400 in twenties), `,` for the rest of a row in white, `:` for a row equal to the one above. Read
 * nibble by nibble from the packed rows, written byte by byte (a label has thousands of runs).
 */
export function graphicField(bitmap: Bitmap, rows = bitmap.height): string {
  const { bytesPerRow: bpr, data } = bitmap;
  const out = Buffer.allocUnsafe(rows * (2 * bpr + 1));
  let at = 0;
  const nibble = (row: number, k: number) => (k & 1 ? data[row + (k >> 1)] & 15 : data[row + (k >> 1)] >> 4);
  for (let y = 0; y < rows; y++) {
    const start = y * bpr;
    if (y > 0 && sameRow(data, start - bpr, start, bpr)) {
      out[at++] = COLON;
      continue;
    }
    let last = 2 * bpr; // nibbles up to the last dark one
    while (last > 0 && nibble(start, last - 1) === 0) last--;
    for (let k = 0; k < last; ) {
      const v = nibble(start, k);
      let j = k + 1;
      while (j < last && nibble(start, j) === v) j++;
      let count = j - k;
      if (count <= 2) {
        out[at++] = DIGITS[v];
        if (count === 2) out[at++] = DIGITS[v];
      } else
        while (count > 0) {
          const n = Math.min(count, 419);
          if (n >= 20) out[at++] = 0x66 + Math.floor(n / 20);
          if (n % 20) out[at++] = 0x46 + (n % 20);
          out[at++] = DIGITS[v];
          count -= n;
        }
      k = j;
    }
    if (last < 2 * bpr) out[at++] = COMMA;
  }
  const total = bpr * rows;
  return `^GFA,${total},${total},${bpr},${out.toString('latin1', 0, at)}^FS`;
}

function sameRow(data: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (data[a + i] !== data[b + i]) return false;
  return true;
}

/** The largest QR version (level M, byte mode) holding `length` bytes, so its size is known before printing. */
const BYTES_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666];
function qrModules(length: number): number {
  const version = BYTES_M.findIndex((capacity) => capacity >= length) + 1 || BYTES_M.length;
  return 17 + 4 * version;
}

/**
 * Drawn once, kept encoded: the band (the same for a category at a fair), and the organisations,
 * countries and days, which come back from badge to badge. Names are drawn every time.
 */
const bands = new Map<string, string>();
const fields = new Map<string, { field: string; height: number }>();

/**
 * A badge in ZPL II for Zebra-type printers at 203 or 300 dpi, in the PDF's layout. Every text is drawn
 * by FairOps into a 1-bit graphic field at the printer's resolution (DejaVu Sans, shaped, fitted with
 * the widths of the glyphs drawn): the printer's fonts have no Arabic, no shaping and widths we cannot
 * know. Each text stays in its own box (the image is the box: nothing drawn can leave it), the boxes
 * follow one another down the text column, and the column ends left of the QR's box. The QR is the
 * printer's own (^BQ, level M), placed inside its box with a quiet zone of four modules.
 */
export function renderZpl(badge: BadgeData, dpi: Dpi, layoutName: LayoutName = 'label_4x3'): string {
  const l = layout(layoutName);
  const d = (points: number) => Math.round((points * dpi) / 72);
  const width = d(l.width);
  const style = CATEGORY_STYLE[badge.category] ?? CATEGORY_STYLE.visitor;
  const out = ['^XA', '^CI28', `^PW${width}`, `^LL${d(l.height)}`, '^LH0,0'];

  const bandKey = `${layoutName}\u0000${dpi}\u0000${style.label}\u0000${badge.fair}`;
  let band = bands.get(bandKey);
  if (!band) {
    const image = new Bitmap(width, d(l.band.height));
    const [x, w] = [d(l.text.x), width - 2 * d(l.text.x)];
    const labelY = d(l.band.height * 0.22);
    drawFittedText(image, style.label, 'bold', { x, y: labelY, width: w, maxSize: l.band.labelSize, minSize: l.band.labelSize * 0.6, maxLines: 1 }, dpi);
    const fairY = labelY + d(l.band.labelSize * 1.25);
    drawFittedText(image, badge.fair, 'regular', { x, y: fairY, width: w, maxSize: l.band.fairSize, minSize: l.band.fairSize * 0.7, maxLines: 1 }, dpi);
    image.invert();
    band = `^FO0,0${graphicField(image)}`;
    if (bands.size > 1000) bands.clear();
    bands.set(bandKey, band);
  }
  out.push(band);

  // The text column: each field an image as wide as the column and as tall as the lines it needs.
  const t = l.text;
  let y = d(t.y);
  const text = (value: string, font: FontName, maxSize: number, minSize: number, maxLines: number, keep: boolean) => {
    const key = `${layoutName}\u0000${dpi}\u0000${font}\u0000${maxSize}\u0000${value}`;
    let drawn = keep ? fields.get(key) : undefined;
    if (!drawn) {
      const image = new Bitmap(d(t.width), maxLines * lineHeight(maxSize, dpi));
      const used = drawFittedText(image, value, font, { x: 0, y: 0, width: image.width, maxSize, minSize, maxLines }, dpi);
      drawn = { field: graphicField(image, used), height: used };
      if (keep) {
        if (fields.size > 5000) fields.clear();
        fields.set(key, drawn);
      }
    }
    out.push(`^FO${d(t.x)},${y}${drawn.field}`);
    y += drawn.height;
  };
  text(`${badge.firstName} ${badge.lastName}`, 'bold', t.nameMax, t.nameMin, 2, false);
  y += d(4);
  if (badge.organisation) {
    text(badge.organisation, 'regular', t.orgSize, Math.max(6, t.orgSize * 0.6), 2, true);
    y += d(2);
  }
  const country = countryName(badge.country);
  if (country) text(country, 'regular', t.detailSize, t.detailSize * 0.7, 1, true);
  text(daysText(badge.days), 'regular', t.detailSize, t.detailSize * 0.6, 1, true);

  // The QR: the largest modules that fit the box with the quiet zone, centred in it.
  const box = d(l.qr.size);
  const modules = qrModules(Buffer.byteLength(badge.code));
  const magnification = Math.max(1, Math.min(10, Math.floor(box / (modules + 8))));
  const offset = Math.floor((box - (modules + 8) * magnification) / 2) + 4 * magnification;
  out.push(`^FO${d(l.qr.x) + offset},${d(l.qr.y) + offset}^BQN,2,${magnification}^FDMA,${badge.code}^FS`);
  out.push('^PQ1', '^XZ');
  return out.join('\n') + '\n';
}
