import './awards.css';
import { Route, Routes } from 'react-router';
import en from '../../locales/en/adminAwards.json';
import fr from '../../locales/fr/adminAwards.json';
import { addAreaTexts } from '../../shared/i18n';
import { PrizeDetail } from './PrizeDetail';
import { PrizesOverview } from './PrizesOverview';

addAreaTexts('adminAwards', { fr, en });

/** The back-office's awards: the prizes of the edition (/admin/awards), one prize (/admin/awards/:prizeId). */
export default function AwardsPage() {
  return (
    <Routes>
      <Route index element={<PrizesOverview />} />
      <Route path=":prizeId" element={<PrizeDetail />} />
    </Routes>
  );
}
