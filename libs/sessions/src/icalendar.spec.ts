import { calendar, escapeText, foldLine, utc } from './icalendar';

describe('iCalendar', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('Panel; « Orientaliser, l’offshoring »\nSalle\\Angad')).toBe('Panel\\; « Orientaliser\\, l’offshoring »\\nSalle\\\\Angad');
    const long = `SUMMARY:${'مركز الشرق للاتصال '.repeat(8)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(long);
  });

  it('writes UTC instants and CRLF lines', () => {
    expect(utc(new Date('2027-04-16T09:00:00Z'))).toBe('20270416T090000Z');
    const text = calendar('SICCAM', 'Africa/Casablanca', [
      { uid: 'a@fairops', start: new Date('2027-04-16T09:00:00Z'), end: new Date('2027-04-16T10:30:00Z'), stamp: new Date('2027-01-01T00:00:00Z'), summary: 'Cérémonie' },
    ]);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toContain('DTSTART:20270416T090000Z\r\n');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
