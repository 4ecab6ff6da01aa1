/**
 * Conversions between a local wall-clock time in an IANA time zone and an instant, without a fixed
 * offset: Africa/Casablanca is UTC+01:00 most of the year and UTC+00:00 around Ramadan.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's offset from UTC at `instant`, in minutes (60 for UTC+01:00). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which clocks in `timeZone` show `date` (YYYY-MM-DD) and `time` (HH:mm or HH:mm:ss).
 * In a gap (clocks jump forward) the time after the jump is taken; in an overlap, the earlier one.
 */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss = 0] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm, ss);
  // Two passes settle on the right offset on either side of a change.
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60000;
  const earlier = wall - offsetMinutes(new Date(guess - 3600000), timeZone) * 60000;
  if (earlier < guess && formatLocalWall(new Date(earlier), timeZone) === formatLocalWall(new Date(guess), timeZone)) return new Date(earlier);
  return new Date(guess);
}

function formatLocalWall(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** ISO 8601 in the zone's local time with its offset at that instant: `2027-04-16T10:00:00+01:00`. */
export function formatInZone(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** The local calendar date (YYYY-MM-DD) in `timeZone` at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `date` plus `days` calendar days, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const DAY = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const LOCAL = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))T((?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)$/;
const WITH_OFFSET = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Whether the text is a date written YYYY-MM-DD that exists in the calendar (not 2026-11-31, not
 * 2027-02-29). JavaScript's Date would silently read those as the next month's first days.
 */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string' || !DAY.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whether the text is an ISO 8601 date-time with its offset (or Z) whose date exists in the calendar. */
export function isInstantWithOffset(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = WITH_OFFSET.exec(text);
  return match !== null && isCalendarDate(match[1]);
}

/**
 * An instant from what a person types: local wall-clock time without an offset (`2027-04-16T10:00`,
 * read in `timeZone`), or an ISO 8601 date-time with an explicit offset or Z. Null when it is neither, or
 * when its date does not exist in the calendar.
 */
export function parseDateTimeInZone(text: string, timeZone: string): Date | null {
  const local = LOCAL.exec(text);
  if (local) {
    if (!isCalendarDate(local[1])) return null;
    const instant = localToInstant(local[1], local[2], timeZone);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  if (isInstantWithOffset(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  return null;
}

/** The local wall-clock time (HH:mm:ss) in `timeZone` at `instant`. */
export function localTime(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone).slice(11, 19);
}
