import { NotYet } from '../shared/NotYetSection';

/** The back-office's awards (issue #16). */
export default function AwardsPage() {
  return <NotYet section="awards" />;
}
