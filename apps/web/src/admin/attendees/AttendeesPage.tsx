import './attendees.css';
import { Route, Routes } from 'react-router';
import en from '../../locales/en/adminAttendees.json';
import fr from '../../locales/fr/adminAttendees.json';
import { addAreaTexts } from '../../shared/i18n';
import { AttendeeDetail } from './AttendeeDetail';
import { AttendeeImport } from './AttendeeImport';
import { AttendeeList } from './AttendeeList';
import { NewAttendee } from './AttendeeForm';

addAreaTexts('adminAttendees', { fr, en });

/** The back-office's attendees: search, create, the detail with its actions, and the CSV import. */
export default function AttendeesPage() {
  return (
    <Routes>
      <Route index element={<AttendeeList />} />
      <Route path="new" element={<NewAttendee />} />
      <Route path="import" element={<AttendeeImport />} />
      <Route path=":id/*" element={<AttendeeDetail />} />
    </Routes>
  );
}
