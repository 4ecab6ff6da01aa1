import './floor.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en/adminFloor.json';
import fr from '../../locales/fr/adminFloor.json';
import { ErrorMessage } from '../../shared/errors';
import { addAreaTexts } from '../../shared/i18n';
import { useEdition } from '../shared/useEdition';
import { HallPlan, PlanPatterns } from './HallPlan';
import { type Stand, useFloorPlan } from './queries';
import { StandActions } from './StandActions';
import { type Notice, useStandAction } from './useStandAction';

addAreaTexts('adminFloor', { fr, en });

/** The floor plan: each hall drawn with its stands; select a stand to hold, assign, release or move it. */
export default function FloorPlanPage() {
  const { t } = useTranslation('adminFloor');
  const { edition, editionId, error: editionError } = useEdition();
  const plan = useFloorPlan(editionId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const action = useStandAction(editionId, setNotice);
  const stands = plan.data?.stands ?? [];
  const selected = stands.find((stand) => stand.id === selectedId) ?? null;
  const select = (stand: Stand) => {
    setSelectedId(stand.id);
    setNotice(null);
  };
  return (
    <section className="card floor">
      <h1>{t('title')}</h1>
      <Legend />
      <ErrorMessage error={editionError ?? plan.error} />
      <NoticeLine notice={notice} />
      <PlanPatterns />
      <div className="floor-layout">
        <div className="floor-halls">
          {plan.data?.halls.length === 0 && <p>{t('noHall')}</p>}
          {plan.data?.halls.map((hall) => (
            <HallPlan key={hall.id} hall={hall} stands={stands.filter((stand) => stand.hallId === hall.id)} selectedId={selectedId} onSelect={select} />
          ))}
        </div>
        <aside className="floor-side" aria-label={t('panel')}>
          {selected ? (
            <StandActions key={`${selected.id}-${selected.status}`} stand={selected} stands={stands} editionId={editionId} timeZone={edition?.timeZone ?? 'Africa/Casablanca'} busy={action.isPending} act={(next) => action.mutate(next)} />
          ) : (
            <p className="floor-hint">{t('hint')}</p>
          )}
        </aside>
      </div>
    </section>
  );
}

function NoticeLine({ notice }: { notice: Notice | null }) {
  return (
    <>
      <p role="status" className="floor-done">
        {notice?.kind === 'done' ? notice.text : ''}
      </p>
      {notice && notice.kind !== 'done' && (
        <p role="alert" className={`error floor-${notice.kind}`}>
          {notice.text}
        </p>
      )}
    </>
  );
}

function Legend() {
  const { t } = useTranslation('adminFloor');
  return (
    <ul className="floor-legend" aria-label={t('legend')}>
      {(['free', 'held', 'assigned'] as const).map((status) => (
        <li key={status}>
          <svg width="28" height="18" aria-hidden="true" focusable="false" className={`floor-${status}`}>
            <rect x="1" y="1" width="26" height="16" rx="3" className="floor-stand-box" />
            {status === 'held' && <rect x="1" y="1" width="26" height="16" rx="3" fill="url(#floor-hatch)" />}
          </svg>
          {t(`legendItem.${status}`)}
        </li>
      ))}
    </ul>
  );
}
