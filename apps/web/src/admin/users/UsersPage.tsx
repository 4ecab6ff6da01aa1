import { NotYet } from '../shared/NotYetSection';

/** The back-office's users (issue #16). */
export default function UsersPage() {
  return <NotYet section="users" />;
}
