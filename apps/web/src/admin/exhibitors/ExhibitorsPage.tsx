import { NotYet } from '../shared/NotYetSection';

/** The back-office's exhibitors (issue #16). */
export default function ExhibitorsPage() {
  return <NotYet section="exhibitors" />;
}
