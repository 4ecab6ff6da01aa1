import QRCode from 'qrcode';
import { localToInstant } from '@fairops/core';
import { EditionFacts } from '@fairops/messages';
import { calendar } from '@fairops/sessions';

/** The badge code as a PNG QR code for the mail's inline image: big enough for a desk scanner off a phone screen. */
export function qrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', width: 480, margin: 4 });
}

/** The fair's days as calendar events (opening to closing time, on the fair's clock), for the ticket's `.ics`. */
export function fairDaysCalendar(edition: EditionFacts & { slug: string }, now: Date): string {
  return calendar(
    edition.name,
    edition.timeZone,
    edition.days.map((d) => ({
      uid: `${edition.slug}-${d.date}@fairops`,
      start: localToInstant(d.date, d.opensAt.slice(0, 5), edition.timeZone),
      end: localToInstant(d.date, d.closesAt.slice(0, 5), edition.timeZone),
      stamp: now,
      summary: edition.name,
      location: `${edition.venue}, ${edition.city}`,
    })),
  );
}
