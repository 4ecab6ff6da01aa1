import { useTranslation } from 'react-i18next';

/** "1–50 of 2,000" with previous and next: the API's page `{ total, limit, offset }`. */
export function Pager({ total, limit, offset, onOffset }: { total: number; limit: number; offset: number; onOffset: (offset: number) => void }) {
  const { t, i18n } = useTranslation('admin');
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <span role="status">{total === 0 ? t('pager.none') : t('pager.range', { first: number(offset + 1), last: number(last), total: number(total) })}</span>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <button type="button" disabled={last >= total} onClick={() => onOffset(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
