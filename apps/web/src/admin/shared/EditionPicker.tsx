import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useEdition, useEditions } from './useEdition';

/** The edition the back-office shows, in the header; the choice goes into the address. */
export function EditionPicker() {
  const { t } = useTranslation('admin');
  const editions = useEditions();
  const { editionId } = useEdition();
  const [params, setParams] = useSearchParams();
  if (!editions.data || editions.data.items.length < 2) return null;
  return (
    <label className="edition-picker">
      <span className="visually-hidden">{t('edition')}</span>
      <select
        value={editionId ?? ''}
        onChange={(event) => {
          const next = new URLSearchParams(params);
          next.set('edition', event.target.value);
          setParams(next);
        }}
      >
        {editions.data.items.map((edition) => (
          <option key={edition.id} value={edition.id} dir="auto">
            {edition.name}
          </option>
        ))}
      </select>
    </label>
  );
}
