import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { useEdition } from '../shared/useEdition';
import { useVerifyChain } from './queries';

/** Recomputes the awards hash chain on demand and says in words whether it is intact, or where it breaks. */
export function AuditCheck() {
  const { t, i18n } = useTranslation('adminAwards');
  const { edition } = useEdition();
  const [asked, setAsked] = useState(false);
  const chain = useVerifyChain(asked);
  const mismatch = chain.data?.firstMismatch;
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p>{t('audit.text')}</p>
      <button type="button" onClick={() => (asked ? void chain.refetch() : setAsked(true))} disabled={chain.isFetching}>
        {t('audit.verify')}
      </button>
      <div role="status" className="audit-answer">
        {chain.isFetching && <p>{t('audit.checking')}</p>}
        {!chain.isFetching && chain.data?.ok && <p className="good">{t('audit.ok', { count: chain.data.entries })}</p>}
        {!chain.isFetching && chain.data && !chain.data.ok && (
          <p className="error">
            {t(mismatch?.reason === 'link' ? 'audit.brokenLink' : 'audit.brokenHash', {
              id: mismatch?.id,
              action: mismatch?.action,
              at: mismatch ? formatInstant(i18n.language, mismatch.at, edition?.timeZone ?? 'Africa/Casablanca') : '',
              count: chain.data.entries,
            })}
          </p>
        )}
      </div>
      <ErrorMessage error={chain.error} />
    </section>
  );
}
