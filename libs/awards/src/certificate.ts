import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/** DejaVu Sans (Bitstream Vera licence, free to embed), from the dejavu-fonts-ttf package. */
const FONTS = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export interface CertificateInput {
  fairName: string;
  editionNumber: number;
  city: string;
  prizeName: string;
  winnerName: string;
  /** Local date of the announcement, as people read it: 16 avril 2027. */
  dateText: string;
}

/** A winner's certificate: A4 landscape, one page, fonts embedded (subset). */
export function renderCertificate(c: CertificateInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 56, info: { Title: `${c.prizeName} – ${c.winnerName}`, Producer: 'FairOps' } });
  doc.registerFont('regular', join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(FONTS, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { width, height } = doc.page;
  doc.lineWidth(3).strokeColor('#0b5394').rect(28, 28, width - 56, height - 56).stroke();
  doc.lineWidth(1).rect(36, 36, width - 72, height - 72).stroke();
  const centred = (text: string, font: string, size: number, y: number, color = '#1f1f1f') =>
    doc.font(font).fontSize(size).fillColor(color).text(text, 70, y, { width: width - 140, align: 'center' });
  centred(`${c.fairName} · ${c.editionNumber}e édition · ${c.city}`, 'regular', 16, 90, '#0b5394');
  centred('Certificat de lauréat', 'bold', 34, 150);
  centred('décerné à', 'regular', 16, 220);
  centred(c.winnerName, 'bold', 30, 255, '#0b5394');
  centred(`pour le prix « ${c.prizeName} »`, 'regular', 18, 330);
  centred(`${c.city}, le ${c.dateText}`, 'regular', 14, height - 150);
  centred('Le jury des prix de l’offshoring', 'regular', 12, height - 120, '#555555');
  doc.end();
  return done;
}
