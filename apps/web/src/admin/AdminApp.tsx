import './admin.css';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import en from '../locales/en/admin.json';
import fr from '../locales/fr/admin.json';
import { addAreaTexts } from '../shared/i18n';
import { Layout } from '../shared/Layout';
import { EditionPicker } from './shared/EditionPicker';

addAreaTexts('admin', { fr, en });

// Each part of the back-office is its own chunk, loaded when opened.
const SECTIONS = [
  { path: 'dashboard', page: lazy(() => import('./dashboard/DashboardPage')) },
  { path: 'exhibitors', page: lazy(() => import('./exhibitors/ExhibitorsPage')) },
  { path: 'floor', page: lazy(() => import('./floor/FloorPlanPage')) },
  { path: 'attendees', page: lazy(() => import('./attendees/AttendeesPage')) },
  { path: 'programme', page: lazy(() => import('./programme/ProgrammePage')) },
  { path: 'awards', page: lazy(() => import('./awards/AwardsPage')) },
  { path: 'users', page: lazy(() => import('./users/UsersPage')) },
] as const;

/** The organiser's back-office (/admin/*): a menu of the fair's parts, the edition worked on, then the part. */
export default function AdminApp() {
  const { t } = useTranslation('admin');
  const { search } = useLocation();
  // The edition chosen travels from part to part (?edition=…); a part's own filters do not.
  const edition = new URLSearchParams(search).get('edition');
  const keep = edition ? `?edition=${encodeURIComponent(edition)}` : '';
  return (
    <Layout area="admin" actions={<EditionPicker />}>
      <nav className="admin-nav" aria-label={t('nav.label')}>
        {SECTIONS.map((section) => (
          <NavLink key={section.path} to={`/admin/${section.path}${keep}`}>
            {t(`nav.${section.path}`)}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<p className="loading">{t('loading', { ns: 'common' })}</p>}>
        <Routes>
          <Route index element={<SectionPage path="dashboard" />} />
          {SECTIONS.map((section) => (
            <Route key={section.path} path={`${section.path}/*`} element={<section.page />} />
          ))}
          <Route path="*" element={<p className="card">{t('notFound', { ns: 'common' })}</p>} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

function SectionPage({ path }: { path: (typeof SECTIONS)[number]['path'] }) {
  const Page = SECTIONS.find((section) => section.path === path)!.page;
  return <Page />;
}
