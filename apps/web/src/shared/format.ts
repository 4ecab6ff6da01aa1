/**
 * Instants shown in the fair's time zone (the edition's, e.g. Africa/Casablanca), whatever the device's
 * own: an organiser abroad sees the programme as it runs in Oujda.
 */
export function formatInstant(language: string, at: string | Date, timeZone: string, style: 'time' | 'dateTime' | 'date' = 'dateTime'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'time' ? { timeStyle: 'short', timeZone } : style === 'date' ? { dateStyle: 'medium', timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone };
  return new Intl.DateTimeFormat(language, options).format(new Date(at));
}

export function formatNumber(language: string, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}
