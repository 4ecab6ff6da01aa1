import { addDays, formatInZone, isCalendarDate, isInstantWithOffset, isValidTimeZone, localDate, localToInstant, offsetMinutes, parseDateTimeInZone } from './time-zones';

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

  it('refuses a date that does not exist instead of reading it as the next month', () => {
    for (const bad of ['2027-04-31T10:00', '2027-02-29T10:00', '2026-11-31T10:00:00+01:00', '2027-02-30T10:00:00Z']) {
      expect(parseDateTimeInZone(bad, 'Africa/Casablanca')).toBeNull();
    }
    expect(parseDateTimeInZone('2028-02-29T10:00', 'Europe/Paris')!.toISOString()).toBe('2028-02-29T09:00:00.000Z');
  });
});

describe('isCalendarDate and isInstantWithOffset', () => {
  it('take the days of the calendar, leap days of leap years only', () => {
    // Every day of 2027 and 2028 is taken, and the day after each month's last is refused.
    for (const year of [2027, 2028]) {
      for (let month = 1; month <= 12; month++) {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const mm = String(month).padStart(2, '0');
        for (let day = 1; day <= last; day++) expect(isCalendarDate(`${year}-${mm}-${String(day).padStart(2, '0')}`)).toBe(true);
        if (last < 31) expect(isCalendarDate(`${year}-${mm}-${last + 1}`)).toBe(false);
      }
    }
    for (const bad of ['2027-13-01', '2027-00-10', '2027-4-16', '16/04/2027', '', 20270416, null]) expect(isCalendarDate(bad)).toBe(false);
  });

  it('take an instant only with its offset and on an existing date', () => {
    expect(isInstantWithOffset('2027-04-17T18:00:00+01:00')).toBe(true);
    expect(isInstantWithOffset('2028-02-29T18:00:00Z')).toBe(true);
    for (const bad of ['2027-02-29T18:00:00Z', '2027-04-17T18:00:00', '2027-04-17', 42]) expect(isInstantWithOffset(bad)).toBe(false);
  });
});
