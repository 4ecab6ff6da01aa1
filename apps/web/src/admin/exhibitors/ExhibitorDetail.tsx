import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { ExhibitorForm } from './ExhibitorForm';
import { type Exhibitor, useExhibitor } from './queries';
import { StaffQuota } from './StaffQuota';
import { StatusMove } from './StatusMove';

/** One exhibitor: its details to edit, its status, its staff quota and its stands. */
export function ExhibitorDetail() {
  const { t } = useTranslation('adminExhibitors');
  const { id = '' } = useParams();
  const location = useLocation();
  const exhibitor = useExhibitor(id);
  // Back to the list as it was (filters, page), else the list of the same edition.
  const from = (location.state as { from?: string } | null)?.from ?? location.search;
  return (
    <section className="card exh">
      <p>
        <Link to={`..${from}`} relative="path">
          {t('detail.back')}
        </Link>
      </p>
      <ErrorMessage error={exhibitor.error} />
      {exhibitor.data && <DetailBody exhibitor={exhibitor.data} />}
    </section>
  );
}

function DetailBody({ exhibitor }: { exhibitor: Exhibitor }) {
  const { t } = useTranslation('adminExhibitors');
  return (
    <>
      <h1 dir="auto">{exhibitor.name}</h1>
      <div className="exh-columns">
        <ExhibitorForm exhibitor={exhibitor} />
        <div>
          <StatusMove exhibitor={exhibitor} />
          <StaffQuota exhibitor={exhibitor} />
          <section className="exh-panel" aria-labelledby="exh-stands-title">
            <h2 id="exh-stands-title">{t('detail.stands')}</h2>
            {exhibitor.stands.length === 0 ? (
              <p>{t('detail.noStand')}</p>
            ) : (
              <ul>
                {exhibitor.stands.map((stand) => (
                  <li key={stand.id}>
                    {t('detail.stand', { code: stand.code, hall: stand.hall, area: stand.areaM2, status: t(`standStatus.${stand.status}`) })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
