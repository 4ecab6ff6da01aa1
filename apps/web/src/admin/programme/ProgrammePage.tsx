import { NotYet } from '../shared/NotYetSection';

/** The back-office's programme (issue #16). */
export default function ProgrammePage() {
  return <NotYet section="programme" />;
}
