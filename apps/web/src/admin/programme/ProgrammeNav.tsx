import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useEditionLink } from '../shared/useEditionLink';

/** The programme's own pages: the day view, a new session, the speakers. */
export function ProgrammeNav() {
  const { t } = useTranslation('adminProgramme');
  const to = useEditionLink();
  return (
    <nav className="prog-nav" aria-label={t('nav.label')}>
      <NavLink end to={to('/admin/programme')}>
        {t('nav.days')}
      </NavLink>
      <NavLink to={to('/admin/programme/new')}>{t('nav.new')}</NavLink>
      <NavLink to={to('/admin/programme/speakers')}>{t('nav.speakers')}</NavLink>
    </nav>
  );
}
