/** A fair day with its local opening hours. */
export interface EditionDay {
  /** Local calendar date, YYYY-MM-DD. */
  day: string;
  /** Local wall-clock times, HH:mm:ss. */
  opensAt: string;
  closesAt: string;
}

/** One edition of the fair as stored: every other record belongs to one. Read by EditionsRepository. */
export interface Edition {
  id: string;
  slug: string;
  name: string;
  editionNumber: number;
  theme: string | null;
  venue: string;
  city: string;
  country: string;
  /** IANA zone; local times are converted with it, never with a fixed offset. */
  timeZone: string;
  /** The language of messages to people who have not chosen one: `fr`, `en` or `ar`. */
  defaultLanguage: 'fr' | 'en' | 'ar';
  /** Public self-registration opens then; null: as soon as the edition exists. */
  registrationOpensAt: Date | null;
  /** Public self-registration closes then; null: at the end of the last fair day, local time. */
  registrationClosesAt: Date | null;
  /** Ordered by date. */
  days: EditionDay[];
  createdAt: Date;
  updatedAt: Date;
}

/** The fields that describe an edition, alike as stored (Edition), written (EditionRow) and shown (EditionView). */
export type EditionField = 'slug' | 'name' | 'editionNumber' | 'theme' | 'venue' | 'city' | 'country' | 'timeZone' | 'defaultLanguage';

/** The edition's staff badge rule: `base` badges plus one per `m2PerBadge` m² of assigned stands. */
export interface StaffQuotaRule {
  base: number;
  m2PerBadge: number;
}
