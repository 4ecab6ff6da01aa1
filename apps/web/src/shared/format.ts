/**
 * Instants shown in the fair's time zone (the edition's, e.g. Africa/Casablanca), whatever the device's
 * own: an organiser abroad sees the programme as it runs in Oujda.
 */
export function formatInstant(language: string, at: string | Date, timeZone: string, style: 'time' | 'dateTime' | 'date' = 'dateTime'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'time' ? { timeStyle: 'short', timeZone } : style === 'date' ? { dateStyle: 'medium', timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone };
  return new Intl.DateTimeFormat(language, options).format(new Date(at));
}

/**
 * An instant as the fair's clock shows it, 24-hour HH:MM ("14:05"), in the page's language: what the desk
 * says of a check-in ("Déjà enregistré à 14:05"). `timeZone` is the edition's (e.g. Africa/Casablanca).
 */
export function fairTime(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatNumber(language: string, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** A fair day ("2027-04-16", a date without time) in words: "vendredi 16 avril 2027" (`full`), "16 avr. 2027" (`medium`). */
export function formatDay(language: string, date: string, style: 'full' | 'medium' | 'weekday' = 'full'): string {
  const options: Intl.DateTimeFormatOptions = style === 'weekday' ? { weekday: 'long', day: 'numeric', month: 'long' } : { dateStyle: style };
  return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}
