import type { TFunction } from 'i18next';
import { formatNumber } from '../shared/format';
import type { Scale } from './queries';

export { formatNumber };

/** The fair's zone when the edition is not known yet (DOMAIN: SICCAM, Oujda). */
export const FALLBACK_ZONE = { city: 'Oujda', timeZone: 'Africa/Casablanca' };

/**
 * An instant in the edition's local time, saying which ("…, heure d’Oujda (Africa/Casablanca)"), whatever
 * the device's own zone: a juror abroad reads the fair's deadline, not a converted one.
 */
export function localInstant(t: TFunction, language: string, at: string | Date, zone: { city: string; timeZone: string }): string {
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone: zone.timeZone }).format(new Date(at));
  const elided = /^[aeiouyhàâäéèêëîïôöûü]/i.test(zone.city);
  return t(elided ? 'zoneElided' : 'zone', { ns: 'jury', when, city: zone.city, timeZone: zone.timeZone });
}


/** "de 0 à 10, par pas de 0,5". */
export function describeScale(t: TFunction, language: string, scale: Scale): string {
  return t('scale.range', { ns: 'jury', min: formatNumber(language, scale.min), max: formatNumber(language, scale.max), step: formatNumber(language, scale.step) });
}

/** A typed score: a number with a dot or a comma; `null` for an empty field. */
export function parseScore(text: string): number | null | 'nan' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && /^-?\d+(\.\d*)?$|^-?\.\d+$/.test(trimmed) ? value : 'nan';
}

/** On the scale, in whole steps (the API's rule, checked before asking it). */
export function onScale(scale: Scale, value: number): boolean {
  const steps = (value - scale.min) / scale.step;
  return value >= scale.min && value <= scale.max && Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** A stored score as the field shows it (the language's decimal mark). */
export function scoreText(language: string, value: number): string {
  return formatNumber(language, value).replace(/\s/g, '');
}
