import { useTranslation } from 'react-i18next';
import type { PublicResult } from './queries';

/** A prize's announced winner (public once published; nothing is shown before). */
export function PublishedResult({ result }: { result: PublicResult }) {
  const { t } = useTranslation('jury');
  return (
    <p className="jury-result">
      {t('result.published')}
      <bdi dir="auto">{result.winner.name}</bdi>{' '}
      {result.certificateAvailable && <a href={`/api/v1/awards/results/${result.prizeId}/certificate.pdf`}>{t('result.certificate')}</a>}
    </p>
  );
}
