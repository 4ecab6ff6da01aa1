import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import commonEn from '../locales/en/common.json';
import commonFr from '../locales/fr/common.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = 'fairops.language';

/** French first (the fair's working language), English; the choice is kept on the device. */
export function initialLanguage(): Language {
  const kept = localStorage.getItem(KEY);
  return (LANGUAGES as readonly string[]).includes(kept ?? '') ? (kept as Language) : 'fr';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/**
 * Each area adds its own namespace when it loads (`addAreaTexts`), so the texts of an area travel in
 * its chunk, not in the first page.
 */
export function addAreaTexts(namespace: string, texts: Record<Language, object>): void {
  for (const language of LANGUAGES) i18next.addResourceBundle(language, namespace, texts[language], true, true);
}

void i18next.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'fr',
  resources: { fr: { common: commonFr }, en: { common: commonEn } },
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = initialLanguage();

export default i18next;
