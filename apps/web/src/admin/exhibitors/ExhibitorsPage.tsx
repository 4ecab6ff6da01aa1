import './exhibitors.css';
import { Route, Routes } from 'react-router';
import en from '../../locales/en/adminExhibitors.json';
import fr from '../../locales/fr/adminExhibitors.json';
import { addAreaTexts } from '../../shared/i18n';
import { ExhibitorDetail } from './ExhibitorDetail';
import { ExhibitorList } from './ExhibitorList';
import { ImportPage } from './ImportPage';

addAreaTexts('adminExhibitors', { fr, en });

/** The back-office's exhibitors: the list, the CSV import, one exhibitor. */
export default function ExhibitorsPage() {
  return (
    <Routes>
      <Route index element={<ExhibitorList />} />
      <Route path="import" element={<ImportPage />} />
      <Route path=":id" element={<ExhibitorDetail />} />
    </Routes>
  );
}
