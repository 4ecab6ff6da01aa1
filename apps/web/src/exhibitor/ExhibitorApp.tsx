// The pager and confirmation dialog shared with the back-office bring their styles.
import '../admin/admin.css';
import './exhibitor.css';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../auth/RequireRole';
import adminEn from '../locales/en/admin.json';
import en from '../locales/en/exhibitorArea.json';
import adminFr from '../locales/fr/admin.json';
import fr from '../locales/fr/exhibitorArea.json';
import { addAreaTexts } from '../shared/i18n';
import { Layout } from '../shared/Layout';
import { LeadsPage } from './LeadsPage';
import { ProfilePage } from './ProfilePage';
import { StaffPage } from './StaffPage';

addAreaTexts('exhibitorArea', { fr, en });
// The list pieces shared with the back-office (pager, confirmation dialog) speak from the 'admin' texts.
addAreaTexts('admin', { fr: adminFr, en: adminEn });

/**
 * An address naming another exhibitor (`?exhibitorId=…`, `?exhibitor=…`, `?id=…`): the area ignores it, and
 * says so. Every page reads the exhibitor id from the session only, never from the address.
 */
function ForeignIdNotice({ exhibitorId }: { exhibitorId: string }) {
  const { t } = useTranslation('exhibitorArea');
  const params = new URLSearchParams(useLocation().search);
  const named = ['exhibitorId', 'exhibitor', 'id'].map((key) => params.get(key)).filter((value): value is string => Boolean(value));
  if (!named.some((value) => value !== exhibitorId)) return null;
  return (
    <p className="card notice" role="alert">
      {t('onlyYours')}
    </p>
  );
}

function AreaNav() {
  const { t } = useTranslation('exhibitorArea');
  return (
    <nav className="exhibitor-nav" aria-label={t('nav.label')}>
      <NavLink to="/exhibitor" end>
        {t('nav.profile')}
      </NavLink>
      <NavLink to="/exhibitor/staff">{t('nav.staff')}</NavLink>
      <NavLink to="/exhibitor/leads">{t('nav.leads')}</NavLink>
    </nav>
  );
}

/** The exhibitor manager's area (/exhibitor/*): their company, their staff within the quota, their leads. */
export default function ExhibitorApp() {
  const { t } = useTranslation('exhibitorArea');
  const { session } = useSession();
  const exhibitorId = session?.user.exhibitorId;
  if (!exhibitorId) {
    return (
      <Layout area="exhibitor">
        <p className="card" role="alert">
          {t('noExhibitor')}
        </p>
      </Layout>
    );
  }
  return (
    <Layout area="exhibitor">
      <AreaNav />
      <ForeignIdNotice exhibitorId={exhibitorId} />
      <Routes>
        <Route index element={<ProfilePage exhibitorId={exhibitorId} />} />
        <Route path="staff" element={<StaffPage exhibitorId={exhibitorId} />} />
        <Route path="leads" element={<LeadsPage exhibitorId={exhibitorId} />} />
        <Route path="*" element={<p className="card">{t('notFound')}</p>} />
      </Routes>
    </Layout>
  );
}
