import { useLocation } from 'react-router';

/**
 * A link inside the back-office that keeps the edition worked on (`?edition=…`), as the menu does:
 * `const to = useEditionLink(); <Link to={to('/admin/attendees/new')}>`. A part's own filters do not travel.
 */
export function useEditionLink(): (path: string) => string {
  const { search } = useLocation();
  const edition = new URLSearchParams(search).get('edition');
  return (path) => (edition ? `${path}${path.includes('?') ? '&' : '?'}edition=${encodeURIComponent(edition)}` : path);
}
