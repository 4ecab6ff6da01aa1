import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { baseDirection, fitText, visualWords } from './text-layout';

/**
 * Text drawn into 1-bit images at a printer's resolution, for labels whose printer fonts cannot draw it
 * (Zebra font 0 has no Arabic and no shaping) or whose widths are unknown. The same fonts and the same
 * rules as the PDF: DejaVu Sans shaped by fontkit (the shaper inside pdfkit), words laid out by
 * `visualWords`, sizes chosen by `fitText`, and widths measured with the advances of the glyphs drawn.
 */

const FONTS = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export type FontName = 'regular' | 'bold';
const files: Record<FontName, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };
const fonts = new Map<FontName, { font: fontkit.Font; unitsPerEm: number; ascent: number }>();

/** The font and the metrics read often (fontkit's getters are not free). */
function font(name: FontName): { font: fontkit.Font; unitsPerEm: number; ascent: number } {
  let f = fonts.get(name);
  if (!f) {
    const loaded = fontkit.openSync(join(FONTS, files[name])) as fontkit.Font;
    f = { font: loaded, unitsPerEm: loaded.unitsPerEm, ascent: loaded.ascent };
    fonts.set(name, f);
  }
  return f;
}

/** A 1-bit image, rows packed eight dots to a byte, most significant bit first (as ^GF wants them). */
export class Bitmap {
  readonly bytesPerRow: number;
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.bytesPerRow = Math.ceil(width / 8);
    this.data = new Uint8Array(this.bytesPerRow * height);
  }

  /** Dots x0 ≤ x < x1 of row y; whatever falls outside the image is dropped, so text never spills. */
  setRun(y: number, x0: number, x1: number): void {
    if (y < 0 || y >= this.height) return;
    const from = Math.max(0, x0);
    const to = Math.min(this.width, x1);
    const row = y * this.bytesPerRow;
    let x = from;
    for (; x < to && x & 7; x++) this.data[row + (x >> 3)] |= 0x80 >> (x & 7);
    for (; x + 8 <= to; x += 8) this.data[row + (x >> 3)] = 0xff;
    for (; x < to; x++) this.data[row + (x >> 3)] |= 0x80 >> (x & 7);
  }

  get(x: number, y: number): boolean {
    return (this.data[y * this.bytesPerRow + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
  }

  /** Dark becomes light: white text on a colour band. */
  invert(): void {
    for (let i = 0; i < this.data.length; i++) this.data[i] ^= 0xff;
    const spare = this.bytesPerRow * 8 - this.width; // the padding bits at the end of each row stay white
    if (spare) for (let y = 0; y < this.height; y++) this.data[(y + 1) * this.bytesPerRow - 1] &= (0xff << spare) & 0xff;
  }
}

/** A glyph rasterised at one size: runs of dark dots relative to the pen on the baseline. */
interface GlyphImage {
  runs: number[]; // triples: row offset, x0, x1
}

/** Glyph images by font and size, then by glyph. */
const glyphImages = new Map<string, Map<number, GlyphImage>>();
const wordRuns = new Map<string, fontkit.GlyphRun>();

/** A word shaped by fontkit (Arabic letters joined, glyphs in visual order), kept for the next label. */
function shaped(name: FontName, word: string): fontkit.GlyphRun {
  const key = `${name}\u0000${word}`;
  let run = wordRuns.get(key);
  if (!run) {
    if (wordRuns.size > 20000) wordRuns.clear(); // bounded, in memory only: names are many, common words come back
    run = font(name).font.layout(word);
    wordRuns.set(key, run);
  }
  return run;
}

/** Width in dots of a line drawn word by word with explicit spaces, as `drawWords` (and the PDF) draw it. */
export function lineWidth(name: FontName, text: string, size: number): number {
  const f = font(name);
  const words = text.split(' ').filter(Boolean);
  let units = 0;
  for (const w of words) units += shaped(name, w).advanceWidth;
  units += Math.max(0, words.length - 1) * shaped(name, ' ').advanceWidth;
  return (units * size) / f.unitsPerEm;
}

/**
 * Scanline fill of a glyph outline at `size` dots per em, sampling dot centres with the non-zero
 * winding rule. Curves are flattened into short segments.
 */
function rasterise(name: FontName, glyph: fontkit.Glyph, size: number): GlyphImage {
  return { runs: fillRuns(outlineEdges(glyph, size / font(name).unitsPerEm)) };
}

/** The glyph's outline as straight edges (quadruples x0, y0, x1, y1 in dots, y downwards), curves flattened. */
function outlineEdges(glyph: fontkit.Glyph, scale: number): number[] {
  const edges: number[] = [];
  let sx = 0, sy = 0, px = 0, py = 0;
  const line = (x: number, y: number) => {
    if (y !== py) edges.push(px, py, x, y);
    px = x;
    py = y;
  };
  const steps = (...pts: number[]) => {
    let len = 0;
    for (let i = 2; i < pts.length; i += 2) len += Math.hypot(pts[i] - pts[i - 2], pts[i + 1] - pts[i - 1]);
    return Math.max(2, Math.min(16, Math.ceil(len / 2)));
  };
  for (const { command, args } of glyph.path.commands) {
    const a = args.map((v, i) => (i % 2 === 0 ? v * scale : -v * scale));
    if (command === 'moveTo') {
      if (px !== sx || py !== sy) line(sx, sy);
      sx = px = a[0];
      sy = py = a[1];
    } else if (command === 'lineTo') line(a[0], a[1]);
    else if (command === 'quadraticCurveTo') {
      const [x0, y0] = [px, py];
      const n = steps(x0, y0, a[0], a[1], a[2], a[3]);
      for (let i = 1; i <= n; i++) {
        const t = i / n, u = 1 - t;
        line(u * u * x0 + 2 * u * t * a[0] + t * t * a[2], u * u * y0 + 2 * u * t * a[1] + t * t * a[3]);
      }
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = [px, py];
      const n = steps(x0, y0, a[0], a[1], a[2], a[3], a[4], a[5]);
      for (let i = 1; i <= n; i++) {
        const t = i / n, u = 1 - t;
        line(
          u * u * u * x0 + 3 * u * u * t * a[0] + 3 * u * t * t * a[2] + t * t * t * a[4],
          u * u * u * y0 + 3 * u * u * t * a[1] + 3 * u * t * t * a[3] + t * t * t * a[5],
        );
      }
    } else if (command === 'closePath') line(sx, sy);
  }
  if (px !== sx || py !== sy) line(sx, sy);
  return edges;
}

/** Scanline fill of `edges`: the runs (row, x0, x1) of dots whose centre is inside, by the non-zero winding rule. */
function fillRuns(edges: number[]): number[] {
  const runs: number[] = [];
  if (!edges.length) return runs;
  let top = Infinity, bottom = -Infinity;
  for (let i = 1; i < edges.length; i += 2) {
    top = Math.min(top, edges[i]);
    bottom = Math.max(bottom, edges[i]);
  }
  const crossings: Array<[number, number]> = [];
  for (let row = Math.floor(top); row < Math.ceil(bottom); row++) {
    const cy = row + 0.5;
    crossings.length = 0;
    for (let i = 0; i < edges.length; i += 4) {
      const [x0, y0, x1, y1] = [edges[i], edges[i + 1], edges[i + 2], edges[i + 3]];
      if ((y0 <= cy && cy < y1) || (y1 <= cy && cy < y0)) crossings.push([x0 + ((cy - y0) * (x1 - x0)) / (y1 - y0), y1 > y0 ? 1 : -1]);
    }
    crossings.sort((p, q) => p[0] - q[0]);
    let winding = 0;
    let start = 0;
    for (const [x, dir] of crossings) {
      const before = winding;
      winding += dir;
      if (before === 0) start = x;
      else if (winding === 0) {
        // Dots whose centre lies inside: x + 0.5 in [start, x).
        const x0 = Math.ceil(start - 0.5), x1 = Math.ceil(x - 0.5);
        if (x1 > x0) runs.push(row, x0, x1);
      }
    }
  }
  return runs;
}

/** Draws one line at (x, baseline) in dots, in visual order with explicit spaces, as the PDF does. */
function drawWords(target: Bitmap, name: FontName, words: string[], size: number, x: number, baseline: number): void {
  const f = font(name);
  const scale = size / f.unitsPerEm;
  const space = shaped(name, ' ').advanceWidth * scale;
  const key = `${name} ${size}`;
  let images = glyphImages.get(key);
  if (!images) {
    if (glyphImages.size > 200) glyphImages.clear(); // sizes are steps of half a point: few
    glyphImages.set(key, (images = new Map()));
  }
  let pen = x;
  for (const word of visualWords(words, baseDirection(words.join(' ')))) {
    const run = shaped(name, word);
    run.glyphs.forEach((glyph, i) => {
      const p = run.positions[i];
      let image = images.get(glyph.id);
      if (!image) images.set(glyph.id, (image = rasterise(name, glyph, size)));
      const gx = Math.round(pen + p.xOffset * scale);
      const gy = Math.round(baseline - p.yOffset * scale);
      for (let r = 0; r < image.runs.length; r += 3) target.setRun(gy + image.runs[r], gx + image.runs[r + 1], gx + image.runs[r + 2]);
      pen += p.xAdvance * scale;
    });
    pen += space;
  }
}

/** The height in dots of a line of text at `size` points, as the PDF spaces its lines. */
export function lineHeight(size: number, dpi: number): number {
  return Math.round(((size * dpi) / 72) * 1.18);
}

export interface TextBox {
  /** Position and width in dots. */
  x: number;
  y: number;
  width: number;
  /** Font sizes in points, as in the PDF's layouts: the sizes tried are the PDF's. */
  maxSize: number;
  minSize: number;
  maxLines: number;
}

/**
 * Fits `text` in the box with the PDF's rules (one line down to ¾ of the full size, then two lines,
 * then smaller, an ellipsis as a last resort), draws its lines centred into `target` at `dpi`, and
 * returns the height used in dots. Whatever would fall outside `target` is clipped by it.
 */
export function drawFittedText(target: Bitmap, text: string, name: FontName, box: TextBox, dpi: number): number {
  const f = font(name);
  const dots = dpi / 72;
  // Widths in font units, once per string: fitting asks for the same lines at many sizes.
  const units = new Map<string, number>();
  const measure = (t: string, size: number) => {
    let u = units.get(t);
    if (u === undefined) units.set(t, (u = lineWidth(name, t, f.unitsPerEm)));
    return (u * size * dots) / f.unitsPerEm;
  };
  const fitted = fitText(text, measure, { maxWidth: box.width, maxLines: box.maxLines, maxSize: box.maxSize, minSize: box.minSize });
  const size = fitted.fontSize * dots;
  const height = lineHeight(fitted.fontSize, dpi);
  const ascent = (f.ascent / f.unitsPerEm) * size;
  fitted.lines.forEach((line, i) => {
    const x = box.x + Math.max(0, (box.width - measure(line.join(' '), fitted.fontSize)) / 2);
    drawWords(target, name, line, size, x, Math.round(box.y + i * height + ascent));
  });
  return fitted.lines.length * height;
}
