import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useConfirm } from '../shared/ConfirmDialog';
import { useStandName } from './HallPlan';
import { type Stand, byCode, useActiveExhibitors } from './queries';
import type { StandAction } from './useStandAction';

interface Props {
  stand: Stand;
  stands: Stand[];
  editionId: string | undefined;
  timeZone: string;
  busy: boolean;
  act: (action: StandAction) => void;
}

/** The actions a selected stand allows: hold or assign a free one, assign or release a held one, move or release an assigned one. */
export function StandActions(props: Props) {
  const { t } = useTranslation('adminFloor');
  const name = useStandName();
  const { stand } = props;
  return (
    <section className="floor-panel" aria-labelledby="floor-panel-title">
      <h2 id="floor-panel-title" dir="auto">
        {name(stand)}
      </h2>
      <p>{t('details', { hall: stand.hall, area: stand.areaM2, type: t(`type.${stand.type}`) })}</p>
      {stand.status === 'free' && <FreeStand {...props} />}
      {stand.status === 'held' && <HeldStand {...props} />}
      {stand.status === 'assigned' && <AssignedStand {...props} />}
    </section>
  );
}

function FreeStand({ stand, editionId, busy, act }: Props) {
  const { t } = useTranslation('adminFloor');
  const [q, setQ] = useState('');
  const [exhibitorId, setExhibitorId] = useState('');
  const [hours, setHours] = useState('72');
  const exhibitors = useActiveExhibitors(editionId, q);
  const chosen = exhibitors.data?.find((exhibitor) => exhibitor.id === exhibitorId);
  const holdHours = Math.min(2160, Math.max(1, Math.round(Number(hours)) || 72));
  const hold = () =>
    act({ stand, run: () => unwrap(api.POST('/api/v1/stands/{id}/hold', { params: { path: { id: stand.id } }, body: { exhibitorId, hours: holdHours } })), done: (s) => t('done.held', { code: s.code, exhibitor: s.exhibitorName }) });
  const assign = () =>
    act({ stand, run: () => unwrap(api.POST('/api/v1/stands/{id}/assign', { params: { path: { id: stand.id } }, body: { exhibitorId } })), done: (s) => t('done.assigned', { code: s.code, exhibitor: s.exhibitorName }) });
  return (
    <div className="floor-form">
      <label htmlFor="floor-find">{t('find')}</label>
      <input id="floor-find" type="search" value={q} onChange={(event) => setQ(event.target.value)} maxLength={100} />
      <label htmlFor="floor-exhibitor">{t('exhibitor')}</label>
      <select id="floor-exhibitor" value={exhibitorId} onChange={(event) => setExhibitorId(event.target.value)}>
        <option value="">{t('choose')}</option>
        {exhibitors.data?.map((exhibitor) => (
          <option key={exhibitor.id} value={exhibitor.id} dir="auto">
            {exhibitor.name}
          </option>
        ))}
      </select>
      <label htmlFor="floor-hours">{t('hours')}</label>
      <input id="floor-hours" type="number" min={1} max={2160} value={hours} onChange={(event) => setHours(event.target.value)} />
      <div className="floor-buttons">
        <button type="button" disabled={!chosen || busy} onClick={hold}>
          {t('hold')}
        </button>
        <button type="button" className="primary" disabled={!chosen || busy} onClick={assign}>
          {t('assign')}
        </button>
      </div>
    </div>
  );
}

function ReleaseButton({ stand, busy, act }: Props) {
  const { t } = useTranslation('adminFloor');
  const [confirm, dialog] = useConfirm();
  const release = async () => {
    const text = t(`release.text.${stand.status}`, { code: stand.code, exhibitor: stand.exhibitorName ?? '' });
    if (!(await confirm({ title: t('release.title', { code: stand.code }), text, confirmLabel: t('release.button'), danger: true }))) return;
    act({ stand, run: () => unwrap(api.POST('/api/v1/stands/{id}/release', { params: { path: { id: stand.id } }, body: {} })), done: (s) => t('done.released', { code: s.code }) });
  };
  return (
    <>
      <button type="button" className="danger" disabled={busy} onClick={() => void release()}>
        {t('release.button')}
      </button>
      {dialog}
    </>
  );
}

function HeldStand(props: Props) {
  const { t, i18n } = useTranslation('adminFloor');
  const { stand, busy, act, timeZone } = props;
  const assign = () =>
    act({ stand, run: () => unwrap(api.POST('/api/v1/stands/{id}/assign', { params: { path: { id: stand.id } }, body: { exhibitorId: stand.exhibitorId! } })), done: (s) => t('done.assigned', { code: s.code, exhibitor: s.exhibitorName }) });
  return (
    <div className="floor-form">
      {stand.heldUntil && <p>{t('heldUntil', { at: formatInstant(i18n.language, stand.heldUntil, timeZone) })}</p>}
      <div className="floor-buttons">
        <button type="button" className="primary" disabled={busy} onClick={assign}>
          {t('assignHolder', { exhibitor: stand.exhibitorName })}
        </button>
        <ReleaseButton {...props} />
      </div>
    </div>
  );
}

function AssignedStand(props: Props) {
  const { t } = useTranslation('adminFloor');
  const { stand, stands, busy, act } = props;
  const [to, setTo] = useState('');
  const free = stands.filter((other) => other.status === 'free' && other.id !== stand.id).sort(byCode);
  const target = free.find((other) => other.id === to);
  const move = () =>
    act({ stand: target ?? stand, run: () => unwrap(api.POST('/api/v1/stands/{id}/move', { params: { path: { id: stand.id } }, body: { toStandId: to } })), done: (s) => t('done.moved', { from: stand.code, code: s.code, exhibitor: s.exhibitorName }) });
  return (
    <div className="floor-form">
      <label htmlFor="floor-move-to">{t('moveTo')}</label>
      <select id="floor-move-to" value={to} onChange={(event) => setTo(event.target.value)}>
        <option value="">{t('choose')}</option>
        {free.map((other) => (
          <option key={other.id} value={other.id}>
            {t('freeStand', { code: other.code, hall: other.hall, area: other.areaM2 })}
          </option>
        ))}
      </select>
      <div className="floor-buttons">
        <button type="button" className="primary" disabled={!target || busy} onClick={move}>
          {t('move')}
        </button>
        <ReleaseButton {...props} />
      </div>
    </div>
  );
}
