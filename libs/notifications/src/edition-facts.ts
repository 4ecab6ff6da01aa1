import { EditionView } from '@fairops/editions';
import { EditionFacts, Language } from '@fairops/messages';

/** The edition as messages speak of it: local opening hours (`09:00`), not instants. */
export function editionFacts(edition: EditionView): EditionFacts & { slug: string; defaultLanguage: Language } {
  return {
    slug: edition.slug,
    name: edition.name,
    editionNumber: edition.editionNumber,
    venue: edition.venue,
    city: edition.city,
    timeZone: edition.timeZone,
    defaultLanguage: edition.defaultLanguage,
    // FairDayView's times are instants with the zone's offset (2027-04-16T09:00:00+01:00): the local hour is in the text.
    days: edition.days.map((d) => ({ date: d.date, opensAt: d.opensAt.slice(11, 16), closesAt: d.closesAt.slice(11, 16) })),
  };
}

/** The recipient's language if they chose one, else the edition's. */
export function languageFor(chosen: string | null | undefined, edition: { defaultLanguage: Language }): Language {
  return chosen === 'fr' || chosen === 'en' || chosen === 'ar' ? chosen : edition.defaultLanguage;
}
