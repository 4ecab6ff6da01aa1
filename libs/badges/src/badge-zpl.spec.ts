import QRCode from 'qrcode';
import { BadgeData, CATEGORY_STYLE, LAYOUTS, layout } from './badge-layouts';
import { Dpi, graphicField, renderZpl } from './badge-zpl';
import { Bitmap } from './text-raster';

const badge: BadgeData = {
  attendeeId: 'a',
  badgeVersion: 1,
  firstName: 'Hélène',
  lastName: 'Dupont^~\\',
  organisation: 'Parole & Service',
  country: 'FR',
  category: 'press',
  days: ['2027-04-16'],
  code: 'AbC-123_xyz'.repeat(14),
  fair: 'SICCAM 16 · Oujda',
  exhibitor: null,
};

const people: BadgeData[] = [
  badge,
  { ...badge, firstName: 'Marie-Éléonore-Françoise', lastName: "de La Tour d'Auvergne-Lauraguais" },
  { ...badge, firstName: 'فاطمة الزهراء', lastName: 'بنعبد الله', organisation: 'مركز الشرق للاتصال', country: 'MA' },
  { ...badge, firstName: 'x'.repeat(90), lastName: '', organisation: 'y'.repeat(120) },
];
const every = LAYOUTS.flatMap((l) => ([203, 300] as Dpi[]).flatMap((dpi) => people.flatMap((p) => Object.keys(CATEGORY_STYLE).map((category) => ({ l, dpi, b: { ...p, category } })))));

describe('ZPL badges', () => {
  it('writes a 4×3 inch label at 203 dpi: every text a graphic field, and the printer’s QR', () => {
    const zpl = renderZpl(badge, 203);
    expect(zpl.startsWith('^XA\n^CI28\n^PW812\n^LL609\n^LH0,0\n^FO0,0^GFA,')).toBe(true);
    // The band, the name, the organisation, the country, the days.
    expect(zpl.match(/\^GFA,/g)).toHaveLength(5);
    // No text goes to the printer as text: a caret or a tilde in a name cannot start a command.
    expect(zpl.match(/\^FD/g)).toHaveLength(1);
    expect(zpl).not.toContain('Dupont');
    expect(zpl).toContain(`^BQN,2,4^FDMA,${badge.code}^FS`);
    expect(zpl.trimEnd().endsWith('^PQ1\n^XZ')).toBe(true);
  });

  it('scales every position to 300 dpi', () => {
    const zpl = renderZpl(badge, 300);
    expect(zpl).toContain('^PW1200\n^LL900');
    expect(zpl).toContain(`^BQN,2,6^FDMA,${badge.code}^FS`);
  });

  it('puts no Arabic letter in a ^FD field of any label', () => {
    for (const { l, dpi, b } of every) {
      const data = [...renderZpl(b, dpi, l).matchAll(/\^FD([^^]*)/g)].map((m) => m[1]).join('');
      expect(data).not.toMatch(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/);
    }
  });

  it('keeps every text in its own box, on the label, clear of the QR and its quiet zone of four modules', () => {
    for (const { l: name, dpi, b } of every) {
      const l = layout(name);
      const d = (pt: number) => Math.round((pt * dpi) / 72);
      const zpl = renderZpl(b, dpi, name);
      const boxes = [...zpl.matchAll(/\^FO(\d+),(\d+)\^GFA,(\d+),\d+,(\d+),/g)].map(([, x, y, total, bpr]) => ({
        x0: +x, y0: +y, x1: +x + 8 * +bpr, y1: +y + +total / +bpr,
      }));
      const [, qx, qy, mag] = /\^FO(\d+),(\d+)\^BQN,2,(\d+)\^FDMA,/.exec(zpl)!.map(Number);
      const modules = QRCode.create([{ data: Buffer.from(b.code), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules.size;
      const quiet = { x0: qx - 4 * mag, y0: qy - 4 * mag, x1: qx + (modules + 4) * mag, y1: qy + (modules + 4) * mag };
      // The QR with its quiet zone stays in the layout's QR square.
      expect(quiet.x0).toBeGreaterThanOrEqual(d(l.qr.x));
      expect(quiet.y0).toBeGreaterThanOrEqual(d(l.qr.y));
      expect(quiet.x1).toBeLessThanOrEqual(d(l.qr.x + l.qr.size) + 1);
      expect(quiet.y1).toBeLessThanOrEqual(d(l.qr.y + l.qr.size) + 1);
      const all = [...boxes, quiet];
      for (const box of boxes) {
        // Graphic rows are padded to whole bytes: up to 7 white dots past the label's edge.
        expect(box.x1).toBeLessThanOrEqual(d(l.width) + 7);
        expect(box.y1).toBeLessThanOrEqual(d(l.height));
      }
      for (let i = 0; i < all.length; i++)
        for (let j = i + 1; j < all.length; j++) {
          const [p, q] = [all[i], all[j]];
          expect(p.x1 <= q.x0 || q.x1 <= p.x0 || p.y1 <= q.y0 || q.y1 <= p.y0).toBe(true);
        }
    }
  });

  it('encodes graphic fields in ZPL’s compressed ASCII', () => {
    const image = new Bitmap(16, 3);
    image.setRun(1, 0, 8);
    image.setRun(2, 0, 8);
    // A white row is `,`; a row ending in white ends with `,`; a row like the one above is `:`.
    expect(graphicField(image)).toBe('^GFA,6,6,2,,FF,:^FS');
    const black = new Bitmap(160, 1);
    black.setRun(0, 0, 160);
    // 40 times F: `h` counts 40.
    expect(graphicField(black)).toBe('^GFA,20,20,20,hF^FS');
    const odd = new Bitmap(8, 1);
    odd.setRun(0, 0, 1);
    odd.setRun(0, 7, 8);
    expect(graphicField(odd)).toBe('^GFA,1,1,1,81^FS');
  });
});
