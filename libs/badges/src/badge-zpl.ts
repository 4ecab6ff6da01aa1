import { BadgeData, CATEGORY_STYLE, countryName, daysText } from './badge-layouts';

export type Dpi = 203 | 300;

/** Field data with ^FH: the characters that would end or start a command are written as hex. */
function field(text: string): string {
  return `^FH\\^FD${text.replace(/[\\^~]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}^FS`;
}

/**
 * A 4×3 inch label in ZPL II for Zebra-type printers at 203 or 300 dpi: UTF-8 (^CI28), the category in
 * a reversed band, the name over up to two lines (^FB), and the printer's own QR code (^BQ, level M).
 * The printer's fonts do not shape Arabic: Arabic names print better from the PDF.
 */
export function renderZpl(badge: BadgeData, dpi: Dpi): string {
  const dot = dpi / 72; // dots per point
  const d = (points: number) => Math.round(points * dot);
  const width = d(4 * 72);
  const height = d(3 * 72);
  const band = d(34);
  const margin = d(12);
  const qrMag = dpi === 203 ? 4 : 6;
  const qrSize = (49 + 8) * qrMag; // version 8 QR with its quiet zone, in dots
  const textWidth = width - qrSize - 3 * margin;
  const style = CATEGORY_STYLE[badge.category] ?? CATEGORY_STYLE.visitor;
  const lines = [
    '^XA',
    '^CI28',
    `^PW${width}`,
    `^LL${height}`,
    '^LH0,0',
    `^FO0,0^GB${width},${band},${band}^FS`,
    `^FO0,${d(6)}^FR^A0N,${d(16)},${d(16)}^FB${width},1,0,C${field(style.label)}`,
    `^FO${margin},${band + d(10)}^A0N,${d(22)},${d(22)}^FB${textWidth},2,${d(2)},L${field(`${badge.firstName} ${badge.lastName}`)}`,
  ];
  let y = band + d(10) + 2 * d(24) + d(6);
  if (badge.organisation) {
    lines.push(`^FO${margin},${y}^A0N,${d(12)},${d(12)}^FB${textWidth},2,0,L${field(badge.organisation)}`);
    y += 2 * d(13) + d(4);
  }
  const country = countryName(badge.country);
  if (country) {
    lines.push(`^FO${margin},${y}^A0N,${d(9)},${d(9)}^FB${textWidth},1,0,L${field(country)}`);
    y += d(11);
  }
  lines.push(`^FO${margin},${y}^A0N,${d(9)},${d(9)}^FB${textWidth},1,0,L${field(daysText(badge.days))}`);
  lines.push(`^FO${width - qrSize - margin},${band + d(6)}^BQN,2,${qrMag}^FDMA,${badge.code}^FS`);
  lines.push(`^FO${margin},${height - d(14)}^A0N,${d(8)},${d(8)}${field(badge.fair)}`);
  lines.push('^PQ1', '^XZ');
  return lines.join('\n') + '\n';
}
