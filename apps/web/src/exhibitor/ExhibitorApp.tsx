import { NotYet } from '../shared/NotYet';

/** The exhibitor manager's area (/exhibitor/*, issue #16). */
export default function ExhibitorApp() {
  return <NotYet area="exhibitor" />;
}
