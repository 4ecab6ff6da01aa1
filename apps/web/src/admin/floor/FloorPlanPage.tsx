import { NotYet } from '../shared/NotYetSection';

/** The back-office's floor (issue #16). */
export default function FloorPlanPage() {
  return <NotYet section="floor" />;
}
