import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { BadgeData, renderBadgesPdf, renderSheetPdf, renderZpl } from '@fairops/badges';
import { signBadgeCode, signingKeyFromPkcs8 } from '@fairops/attendees';

const SINGLE = 60;
const SHEET = 1000;
const ZPL = 5000;

/** The mix: Latin short and long, Arabic names and organisations (two of the six). */
const names = [
  ['Aïcha', 'Benali', 'Atlas Relation Client'],
  ['محمد', 'العلوي', 'مركز الشرق للاتصال'],
  ['Hélène', 'Dupont', 'Parole & Service'],
  ['Abdelkrim Mohammed-Amine', 'Ben Abdallah El Idrissi Ouazzani', "Wilaya de la région de l'Oriental"],
  ['فاطمة الزهراء', 'بنعبد الله', 'مركز الشرق للاتصال'],
  ['Marie-Éléonore-Françoise', "de La Tour d'Auvergne-Lauraguais", 'Parole & Service'],
];

function badges(n: number): BadgeData[] {
  const key = signingKeyFromPkcs8(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  const editionId = randomUUID();
  return Array.from({ length: n }, (_, i) => {
    const [firstName, lastName, organisation] = names[i % names.length];
    const attendeeId = randomUUID();
    const days = ['2027-04-16', '2027-04-17'];
    return {
      attendeeId,
      badgeVersion: 1,
      firstName,
      lastName: `${lastName} ${i}`,
      organisation,
      country: 'MA',
      category: 'visitor',
      days,
      code: signBadgeCode({ attendeeId, editionId, category: 'visitor', days, version: 1 }, key),
      fair: 'SICCAM 16 · Oujda',
      exhibitor: null,
    };
  });
}

/**
 * `npm run bench -- badges`: badges per second on this process (one core) as single-badge PDFs (the
 * desk's case: one document each), as one 1,000-badge A4 sheet (bulk), and as ZPL, in the same run,
 * over the same mix of names: a third of them Arabic.
 */
export async function badgesBench(): Promise<void> {
  const single = badges(SINGLE);
  const sheet = badges(SHEET);
  const zpl = badges(ZPL);
  await renderBadgesPdf(single.slice(0, 3), 'a6'); // warm-up: fonts parsed, code loaded
  renderZpl(badges(1)[0], 203);
  let t0 = performance.now();
  for (const b of single) await renderBadgesPdf([b], 'a6');
  const singleRate = SINGLE / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  const pdf = await renderSheetPdf(sheet);
  const sheetRate = SHEET / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  let bytes = 0;
  for (const b of zpl) bytes += renderZpl(b, 203).length;
  const zplRate = ZPL / ((performance.now() - t0) / 1000);
  process.stdout.write(`bench badges (one process, one core):\n`);
  process.stdout.write(`  single-badge PDFs (A6, one document each): ${singleRate.toFixed(1)} badges/s (${SINGLE} documents)\n`);
  process.stdout.write(`  one ${SHEET}-badge A4 sheet PDF:              ${sheetRate.toFixed(1)} badges/s (${(pdf.length / 1e6).toFixed(1)} MB)\n`);
  process.stdout.write(`  ZPL at 203 dpi, every text drawn as a graphic: ${Math.round(zplRate)} badges/s (${ZPL} labels, ${(bytes / 1e6).toFixed(1)} MB)\n`);
  process.stdout.write(`  names: ${names.length} kinds in turn, ${names.filter(([f]) => /[\u0600-\u06FF]/.test(f)).length} of them Arabic (name and organisation), each with its own number\n`);
  process.stdout.write(`  per-badge cost in the sheet / single PDF: ${(singleRate / sheetRate).toFixed(2)} (goal ≤ 0.30)\n`);
  process.stdout.write(`  ZPL speed / single PDF speed: ${Math.round(zplRate / singleRate)}× (goal ≥ 100×)\n`);
}
