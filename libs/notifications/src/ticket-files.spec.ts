import ICAL from 'ical.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { fairDaysCalendar, qrPng } from './ticket-files';

describe('the ticket’s files', () => {
  it('draws a QR code that a decoder reads back as the badge code', async () => {
    const code = 'FO1.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7';
    const png = PNG.sync.read(await qrPng(code));
    expect(png.width).toBe(480);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(code);
  });

  it('puts each fair day in a calendar an iCalendar parser reads, at the local opening hours', () => {
    const text = fairDaysCalendar(
      {
        slug: 'siccam-16',
        name: 'SICCAM 2026',
        editionNumber: 16,
        venue: 'Palais des Congrès',
        city: 'Oujda',
        timeZone: 'Africa/Casablanca',
        days: [
          { date: '2026-11-27', opensAt: '09:00:00', closesAt: '18:00:00' },
          { date: '2026-11-28', opensAt: '09:00:00', closesAt: '17:00:00' },
        ],
      },
      new Date('2026-11-01T10:00:00Z'),
    );
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.summary, e.location, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual([
      ['SICCAM 2026', 'Palais des Congrès, Oujda', '2026-11-27T08:00:00.000Z', '2026-11-27T17:00:00.000Z'],
      ['SICCAM 2026', 'Palais des Congrès, Oujda', '2026-11-28T08:00:00.000Z', '2026-11-28T16:00:00.000Z'],
    ]);
  });
});
