import { NotYet } from '../shared/NotYetSection';

/** The back-office's dashboard (issue #16). */
export default function DashboardPage() {
  return <NotYet section="dashboard" />;
}
