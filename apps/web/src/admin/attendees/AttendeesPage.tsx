import { NotYet } from '../shared/NotYetSection';

/** The back-office's attendees (issue #16). */
export default function AttendeesPage() {
  return <NotYet section="attendees" />;
}
