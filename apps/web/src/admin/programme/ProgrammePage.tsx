import './programme.css';
import { Route, Routes } from 'react-router';
import en from '../../locales/en/adminProgramme.json';
import fr from '../../locales/fr/adminProgramme.json';
import { addAreaTexts } from '../../shared/i18n';
import { DayView } from './DayView';
import { NewSession } from './SessionForm';
import { SessionDetail } from './SessionDetail';
import { Speakers } from './Speakers';

addAreaTexts('adminProgramme', { fr, en });

/** The back-office's programme: the day per room, sessions (create, move, publish), speakers, registrations. */
export default function ProgrammePage() {
  return (
    <Routes>
      <Route index element={<DayView />} />
      <Route path="new" element={<NewSession />} />
      <Route path="speakers" element={<Speakers />} />
      <Route path="sessions/:id" element={<SessionDetail />} />
    </Routes>
  );
}
