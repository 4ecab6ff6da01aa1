import './jury.css';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import en from '../locales/en/jury.json';
import fr from '../locales/fr/jury.json';
import { addAreaTexts } from '../shared/i18n';
import { Layout } from '../shared/Layout';
import { PrizeList } from './PrizeList';
import { PrizePage } from './PrizePage';

addAreaTexts('jury', { fr, en });

function NotFound() {
  const { t } = useTranslation();
  return <p className="card">{t('notFound')}</p>;
}

/** The jury's area: my prizes, then one prize to score (/jury, /jury/prizes/:prizeId). */
export default function JuryApp() {
  return (
    <Layout area="jury">
      <Routes>
        <Route index element={<PrizeList />} />
        <Route path="prizes/:prizeId" element={<PrizePage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}
