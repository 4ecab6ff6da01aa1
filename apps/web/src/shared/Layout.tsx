import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LANGUAGES, type Language, setLanguage } from './i18n';
import { endSession, readSession } from './session';

/** The frame of every page: the area's name, who is logged in, the language and log-out; then the page. */
export function Layout({ area, children, actions }: { area?: string; children: ReactNode; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = readSession();
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app')}</span>
        {area && <span className="area">{t(`areas.${area}`)}</span>}
        <span className="spacer" />
        {actions}
        <label className="language">
          <span className="visually-hidden">{t('language')}</span>
          <select value={i18n.language} onChange={(event) => setLanguage(event.target.value as Language)}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language === 'fr' ? 'Français' : 'English'}
              </option>
            ))}
          </select>
        </label>
        {session && (
          <>
            <span className="who" dir="auto">
              {session.user.email}
            </span>
            <Link to="/account/password">{t('changePassword')}</Link>
            <button type="button" className="link" onClick={() => endSession('logout')}>
              {t('logout')}
            </button>
          </>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
