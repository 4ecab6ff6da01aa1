/** A local date (2027-04-16) as "ven. 16 avr. 2027", whatever the device's zone. */
export function formatDay(language: string, date: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}
