import { useSearchParams } from 'react-router';

/**
 * A list's filters, search, sort and page kept in the address, so that a link can be shared and the back
 * button goes back to the previous filter. `defaults` names the filters and their empty values; changing
 * any filter but `offset` goes back to the first page.
 */
export function useUrlFilters<Keys extends string>(defaults: Record<Keys, string>): [Record<Keys, string>, (changes: Partial<Record<Keys, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(Object.entries(defaults).map(([key, empty]) => [key, params.get(key) ?? empty])) as Record<Keys, string>;
  const change = (changes: Partial<Record<Keys, string>>) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes) as Array<[string, string | undefined]>) {
        if (value === undefined || value === '' || value === defaults[key as Keys]) next.delete(key);
        else next.set(key, value);
      }
      if (!('offset' in changes)) next.delete('offset');
      return next;
    });
  };
  return [values, change];
}
