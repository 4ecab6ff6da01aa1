import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { signBadgeCode, signingKeyFromPkcs8, verifyBadgeCode } from '@fairops/attendees';
import { Label, decodeLabelQr, isDark, renderLabel, savePng } from '../../../test/support/zpl-render';
import { BadgeData, CATEGORY_STYLE, LAYOUTS, LayoutName, layout } from './badge-layouts';
import { Dpi, renderZpl } from './badge-zpl';

/**
 * The labels as a Zebra printer draws them (an independent ZPL engine, test/support/zpl-render.ts),
 * read back as pixels: the QR decodes to the attendee's credential, and nothing but the QR is drawn in
 * its square and its quiet zone. The PNGs are left in test-output/zpl/ for people to look at.
 */

const key = signingKeyFromPkcs8(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
const keys = new Map([[key.kid, key]]);
const editionId = randomUUID();

function badge(firstName: string, lastName: string, organisation: string | null, category = 'visitor', country = 'MA'): BadgeData {
  const attendeeId = randomUUID();
  const days = ['2027-04-16', '2027-04-17', '2027-04-18'];
  return {
    attendeeId, badgeVersion: 1, firstName, lastName, organisation, country, category, days, fair: 'SICCAM 16 · Oujda', exhibitor: null,
    code: signBadgeCode({ attendeeId, editionId, category: category as 'visitor', days, version: 1 }, key),
  };
}

export const PEOPLE: Record<string, BadgeData> = {
  short: badge('Ali', 'Naji', 'Atlas Relation Client', 'visitor'),
  long: badge('Marie-Éléonore-Françoise', "de La Tour d'Auvergne-Lauraguais", 'Parole & Service', 'press', 'FR'),
  arabic: badge('فاطمة الزهراء', 'بنعبد الله', 'مركز الشرق للاتصال', 'exhibitor_staff'),
};

const dots = (points: number, dpi: Dpi) => Math.round((points * dpi) / 72);

async function draw(zpl: string, layoutName: LayoutName, dpi: Dpi): Promise<Label> {
  const l = layout(layoutName);
  return renderLabel(zpl, { widthDots: dots(l.width, dpi), heightDots: dots(l.height, dpi), dpi });
}

/** Dark pixels of `label` in the rectangle (inclusive bounds, clamped to the image), except inside `hole`. */
function darkIn(label: Label, r: { x0: number; y0: number; x1: number; y1: number }, hole?: { x0: number; y0: number; x1: number; y1: number }): number {
  let n = 0;
  for (let y = Math.max(0, r.y0); y <= Math.min(label.height - 1, r.y1); y++)
    for (let x = Math.max(0, r.x0); x <= Math.min(label.width - 1, r.x1); x++) {
      if (hole && x >= hole.x0 && x <= hole.x1 && y >= hole.y0 && y <= hole.y1) continue;
      if (isDark(label, x, y)) n++;
    }
  return n;
}

describe('ZPL labels as the printer draws them', () => {
  describe.each(LAYOUTS.flatMap((l) => ([203, 300] as Dpi[]).map((dpi) => [l, dpi] as const)))('%s at %i dpi', (layoutName, dpi) => {
    it.each(Object.keys(PEOPLE))('%s name: the QR gives back the credential, and no text is drawn in the QR or its quiet zone', async (who) => {
      const b = PEOPLE[who];
      const zpl = renderZpl(b, dpi, layoutName);
      const label = await draw(zpl, layoutName, dpi);
      savePng(`test-output/zpl/${layoutName}-${dpi}-${who}.png`, label);
      const qr = decodeLabelQr(label);
      expect(qr?.data).toBe(b.code);
      expect(verifyBadgeCode(qr!.data, keys)?.attendeeId).toBe(b.attendeeId);

      // The symbol's square from its corners, and four modules around it.
      const corners = Object.values(qr!.location).filter((p): p is { x: number; y: number } => !!p);
      const module = Math.hypot(qr!.location.topRightCorner.x - qr!.location.topLeftCorner.x, qr!.location.topRightCorner.y - qr!.location.topLeftCorner.y) / (17 + 4 * qr!.version);
      const symbol = {
        x0: Math.floor(Math.min(...corners.map((p) => p.x))), y0: Math.floor(Math.min(...corners.map((p) => p.y))),
        x1: Math.ceil(Math.max(...corners.map((p) => p.x))), y1: Math.ceil(Math.max(...corners.map((p) => p.y))),
      };
      const quiet = Math.round(4 * module);
      const zone = { x0: symbol.x0 - quiet, y0: symbol.y0 - quiet, x1: symbol.x1 + quiet, y1: symbol.y1 + quiet };
      expect(zone.x0).toBeGreaterThanOrEqual(0);
      expect(zone.y0).toBeGreaterThanOrEqual(0);
      // The quiet zone is white on the label...
      expect(darkIn(label, zone, { x0: symbol.x0 - 1, y0: symbol.y0 - 1, x1: symbol.x1 + 1, y1: symbol.y1 + 1 })).toBe(0);
      // ...and the label without its QR has nothing at all in the square and the quiet zone.
      const withoutQr = await draw(zpl.replace(/^\^FO[^\n]*\^BQN[^\n]*\n/m, ''), layoutName, dpi);
      expect(darkIn(withoutQr, zone)).toBe(0);
      // The texts are there: the name's first line is drawn below the band.
      const t = layout(layoutName).text;
      expect(darkIn(withoutQr, { x0: dots(t.x, dpi), y0: dots(t.y, dpi), x1: dots(t.x + t.width, dpi), y1: dots(t.y + t.nameMin, dpi) })).toBeGreaterThan(50);
    });
  });

  it.each(([203, 300] as Dpi[]).flatMap((dpi) => Object.keys(CATEGORY_STYLE).map((category) => [category, dpi] as const)))(
    'draws the band of the category %s at %i dpi, and the QR still decodes',
    async (category, dpi) => {
      const b = badge('Aïcha', 'Benali', 'Atlas Relation Client', category);
      const label = await draw(renderZpl(b, dpi), 'label_4x3', dpi);
      savePng(`test-output/zpl/category-${category}-${dpi}.png`, label);
      expect(decodeLabelQr(label)?.data).toBe(b.code);
      // The band is dark at its corner (the label of the category is drawn in white on it).
      expect(isDark(label, 2, 2)).toBe(true);
    },
  );
});
