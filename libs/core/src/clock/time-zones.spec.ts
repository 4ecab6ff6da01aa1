import { addDays, formatInZone, isValidTimeZone, localDate, localToInstant, offsetMinutes, parseDateTimeInZone } from './time-zones';

describe('time zones', () => {
  const tz = 'Africa/Casablanca';

  it('puts 09:00 on the demo Friday at UTC+01:00', () => {
    const instant = localToInstant('2027-04-16', '09:00', tz);
    expect(instant.toISOString()).toBe('2027-04-16T08:00:00.000Z');
    expect(formatInZone(instant, tz)).toBe('2027-04-16T09:00:00+01:00');
  });

  it('follows Morocco to UTC+00:00 during Ramadan instead of using a fixed offset', () => {
    const instant = localToInstant('2027-02-19', '09:00', tz);
    expect(instant.toISOString()).toBe('2027-02-19T09:00:00.000Z');
    expect(formatInZone(instant, tz)).toBe('2027-02-19T09:00:00+00:00');
    expect(offsetMinutes(instant, tz)).toBe(0);
  });

  it('converts in zones west of UTC and across midnight', () => {
    expect(localToInstant('2027-04-16', '22:30', 'America/Toronto').toISOString()).toBe('2027-04-17T02:30:00.000Z');
    expect(localDate(new Date('2027-04-17T02:30:00Z'), 'America/Toronto')).toBe('2027-04-16');
    expect(formatInZone(new Date('2027-04-17T02:30:00Z'), 'America/Toronto')).toBe('2027-04-16T22:30:00-04:00');
  });

  it('resolves a time skipped by a clock change to the time after the jump', () => {
    // Paris jumps from 02:00 to 03:00 on 2027-03-28.
    expect(formatInZone(localToInstant('2027-03-28', '02:30', 'Europe/Paris'), 'Europe/Paris')).toBe('2027-03-28T03:30:00+02:00');
  });

  it('takes the earlier of two instants when clocks go back', () => {
    // Paris goes back from 03:00 to 02:00 on 2027-10-31: 02:30 happens twice.
    expect(localToInstant('2027-10-31', '02:30', 'Europe/Paris').toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('knows valid zones and adds calendar days', () => {
    expect(isValidTimeZone(tz)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
});

describe('parseDateTimeInZone', () => {
  it('reads local times in the zone and explicit offsets as given', () => {
    expect(parseDateTimeInZone('2027-02-19T10:00', 'Africa/Casablanca')!.toISOString()).toBe('2027-02-19T10:00:00.000Z');
    expect(parseDateTimeInZone('2027-04-16T10:00', 'Africa/Casablanca')!.toISOString()).toBe('2027-04-16T09:00:00.000Z');
    expect(parseDateTimeInZone('2027-04-16T10:00:00+02:00', 'Africa/Casablanca')!.toISOString()).toBe('2027-04-16T08:00:00.000Z');
    expect(parseDateTimeInZone('2027-04-16T10:00:00Z', 'Africa/Casablanca')!.toISOString()).toBe('2027-04-16T10:00:00.000Z');
    for (const bad of ['16/04/2027 10:00', '2027-04-16', '2027-04-16T25:00', 'tomorrow']) expect(parseDateTimeInZone(bad, 'Africa/Casablanca')).toBeNull();
  });
});
