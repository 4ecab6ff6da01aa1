import './users.css';
import { Route, Routes } from 'react-router';
import en from '../../locales/en/adminUsers.json';
import fr from '../../locales/fr/adminUsers.json';
import { addAreaTexts } from '../../shared/i18n';
import { UserDetail } from './UserDetail';
import { UsersList } from './UsersList';

addAreaTexts('adminUsers', { fr, en });

/** The back-office's users: the list (role filter in the address), invitations, one user (/admin/users/:id). */
export default function UsersPage() {
  return (
    <Routes>
      <Route index element={<UsersList />} />
      <Route path=":id" element={<UserDetail />} />
    </Routes>
  );
}
