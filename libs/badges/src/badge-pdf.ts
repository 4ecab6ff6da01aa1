import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { BadgeData, BadgeLayout, CATEGORY_STYLE, countryName, daysText, layout } from './badge-layouts';
import { baseDirection, fitText, visualWords } from './text-layout';

/** DejaVu Sans covers Latin with accents and Arabic; pdfkit shapes Arabic words and embeds subsets. */
const FONTS = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(FONTS, 'DejaVuSans.ttf');
const BOLD = join(FONTS, 'DejaVuSans-Bold.ttf');

type Doc = PDFKit.PDFDocument;

function newDocument(size: [number, number]): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false, info: { Producer: 'FairOps', Title: 'Badges' } });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/**
 * One line of words, centred in `width` (or aligned to the reading start), drawn word by word in
 * visual order with explicit spaces: Arabic words stay shaped and stay apart.
 */
function drawLine(doc: Doc, words: string[], font: string, size: number, x: number, y: number, width: number): void {
  doc.font(font).fontSize(size);
  const ordered = visualWords(words, baseDirection(words.join(' ')));
  const space = doc.widthOfString(' ');
  const widths = ordered.map((w) => doc.widthOfString(w));
  const total = widths.reduce((a, b) => a + b, 0) + space * (ordered.length - 1);
  let cx = x + Math.max(0, (width - total) / 2);
  ordered.forEach((word, i) => {
    doc.text(word, cx, y, { lineBreak: false });
    cx += widths[i] + space;
  });
}

/** Fits `text` in the box and draws it; returns the height used. */
function drawFitted(doc: Doc, text: string, font: string, box: { x: number; y: number; width: number; maxSize: number; minSize: number; maxLines: number }): number {
  const measure = (t: string, size: number) => doc.font(font).fontSize(size).widthOfString(t);
  const fitted = fitText(text, measure, { maxWidth: box.width, maxLines: box.maxLines, maxSize: box.maxSize, minSize: box.minSize });
  const lineHeight = fitted.fontSize * 1.18;
  fitted.lines.forEach((line, i) => drawLine(doc, line, font, fitted.fontSize, box.x, box.y + i * lineHeight, box.width));
  return fitted.lines.length * lineHeight;
}

/** The QR code as vector squares (runs of dark modules per row), with its quiet zone. */
export function drawQr(doc: Doc, code: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < n; row++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && qr.modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
        start = -1;
      }
    }
  }
  doc.fill().restore();
}

/** One badge at (ox, oy) on the current page. */
export function drawBadge(doc: Doc, badge: BadgeData, l: BadgeLayout, ox = 0, oy = 0): void {
  const style = CATEGORY_STYLE[badge.category] ?? CATEGORY_STYLE.visitor;
  doc.save().rect(ox, oy, l.width, l.band.height).fill(style.colour).restore();
  doc.fillColor('#ffffff');
  drawLine(doc, [style.label], 'bold', l.band.labelSize, ox, oy + l.band.height * 0.22, l.width);
  drawLine(doc, badge.fair.split(' '), 'regular', l.band.fairSize, ox, oy + l.band.height * 0.22 + l.band.labelSize * 1.25, l.width);

  doc.fillColor('#111111');
  const t = l.text;
  let y = oy + t.y;
  y += drawFitted(doc, `${badge.firstName} ${badge.lastName}`, 'bold', { x: ox + t.x, y, width: t.width, maxSize: t.nameMax, minSize: t.nameMin, maxLines: 2 }) + 4;
  if (badge.organisation) {
    doc.fillColor('#333333');
    y += drawFitted(doc, badge.organisation, 'regular', { x: ox + t.x, y, width: t.width, maxSize: t.orgSize, minSize: Math.max(6, t.orgSize * 0.6), maxLines: 2 }) + 2;
  }
  doc.fillColor('#555555');
  const country = countryName(badge.country);
  if (country) y += drawFitted(doc, country, 'regular', { x: ox + t.x, y, width: t.width, maxSize: t.detailSize, minSize: t.detailSize * 0.7, maxLines: 1 });
  drawFitted(doc, daysText(badge.days), 'regular', { x: ox + t.x, y, width: t.width, maxSize: t.detailSize, minSize: t.detailSize * 0.6, maxLines: 1 });
  drawQr(doc, badge.code, ox + l.qr.x, oy + l.qr.y, l.qr.size);
}

export type Progress = (done: number) => void | Promise<void>;

/** Every `every` badges, reports progress and lets the event loop breathe (drawing is synchronous). */
async function step(i: number, total: number, onProgress: Progress | undefined, every = 25): Promise<void> {
  if ((i + 1) % every !== 0 && i + 1 !== total) return;
  await onProgress?.(i + 1);
  await new Promise((resolve) => setImmediate(resolve));
}

/** One page per badge, at the layout's size: for the desks' printers and single reprints. */
export async function renderBadgesPdf(badges: BadgeData[], layoutName: BadgeLayout['name'], onProgress?: Progress): Promise<Buffer> {
  const l = layout(layoutName);
  const { doc, done } = newDocument([l.width, l.height]);
  for (const [i, badge] of badges.entries()) {
    doc.addPage({ size: [l.width, l.height], margin: 0 });
    drawBadge(doc, badge, l);
    await step(i, badges.length, onProgress);
  }
  doc.end();
  return done;
}

const A4: [number, number] = [595.28, 841.89];

/**
 * A6 badges four to an A4 sheet with crop marks, for bulk printing on office printers: each badge at
 * 92 % so the marks and the printer's unprintable edge stay outside it.
 */
export async function renderSheetPdf(badges: BadgeData[], onProgress?: Progress): Promise<Buffer> {
  const l = layout('a6');
  const scale = 0.92;
  const [w, h] = [l.width * scale, l.height * scale];
  const gx = (A4[0] - 2 * w) / 3;
  const gy = (A4[1] - 2 * h) / 3;
  const { doc, done } = newDocument(A4);
  for (const [i, badge] of badges.entries()) {
    if (i % 4 === 0) doc.addPage({ size: A4, margin: 0 });
    const x = gx + (i % 2) * (w + gx);
    const y = gy + (Math.floor(i / 2) % 2) * (h + gy);
    doc.save().translate(x, y).scale(scale);
    drawBadge(doc, badge, l);
    doc.restore();
    cropMarks(doc, x, y, w, h);
    await step(i, badges.length, onProgress);
  }
  doc.end();
  return done;
}

function cropMarks(doc: Doc, x: number, y: number, w: number, h: number): void {
  const gap = 3;
  const len = 9;
  doc.save().lineWidth(0.4).strokeColor('#000000');
  for (const [cx, cy, dx, dy] of [
    [x, y, -1, -1],
    [x + w, y, 1, -1],
    [x, y + h, -1, 1],
    [x + w, y + h, 1, 1],
  ]) {
    doc.moveTo(cx + dx * gap, cy).lineTo(cx + dx * (gap + len), cy).stroke();
    doc.moveTo(cx, cy + dy * gap).lineTo(cx, cy + dy * (gap + len)).stroke();
  }
  doc.restore();
}
