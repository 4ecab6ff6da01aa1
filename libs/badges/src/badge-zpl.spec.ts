import { BadgeData } from './badge-layouts';
import { renderZpl } from './badge-zpl';

const badge: BadgeData = {
  attendeeId: 'a',
  badgeVersion: 1,
  firstName: 'Hélène',
  lastName: 'Dupont^~\\',
  organisation: 'Parole & Service',
  country: 'FR',
  category: 'press',
  days: ['2027-04-16'],
  code: 'AbC-123_xyz',
  fair: 'SICCAM 16 · Oujda',
  exhibitor: null,
};

describe('ZPL badges', () => {
  it('writes a 4×3 inch label at 203 dpi with UTF-8, the band, the fields and the printer’s QR', () => {
    const zpl = renderZpl(badge, 203);
    expect(zpl.startsWith('^XA\n^CI28\n^PW812\n^LL609\n')).toBe(true);
    expect(zpl).toContain('^FO0,0^GB812,96,96^FS');
    expect(zpl).toContain('^FH\\^FDPRESSE^FS');
    // A caret, a tilde or a backslash in a name cannot start a command.
    expect(zpl).toContain('^FH\\^FDHélène Dupont\\5E\\7E\\5C^FS');
    expect(zpl).toContain('^FH\\^FDParole & Service^FS');
    expect(zpl).toContain('^FH\\^FDFrance^FS');
    expect(zpl).toContain('^BQN,2,4^FDMA,AbC-123_xyz^FS');
    expect(zpl.trimEnd().endsWith('^PQ1\n^XZ')).toBe(true);
  });

  it('scales every position to 300 dpi', () => {
    const zpl = renderZpl(badge, 300);
    expect(zpl).toContain('^PW1200\n^LL900');
    expect(zpl).toContain('^FO0,0^GB1200,142,142^FS');
    expect(zpl).toContain('^BQN,2,6^FDMA,AbC-123_xyz^FS');
  });
});
