import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { formatDay } from '../../shared/format';
import { useConfirm } from '../shared/ConfirmDialog';
import { useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { collisionOf } from './ClashCheck';
import { type Session, localClock, localDay, useSession } from './queries';
import { Registrations } from './Registrations';
import { SessionForm } from './SessionForm';

/** One session: where and when, its status (publish, cancel), the form to move it, its registrations. */
export function SessionDetail() {
  const { t, i18n } = useTranslation('adminProgramme');
  const { id = '' } = useParams();
  const session = useSession(id);
  const { edition } = useEdition();
  const to = useEditionLink();
  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data || !edition) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  const s = session.data;
  return (
    <div className="prog-detail">
      <p>
        <Link to={to(`/admin/programme?day=${localDay(s.startsAt)}`)}>{t('back')}</Link>
      </p>
      <section className="card">
        <h1 dir="auto">{s.title}</h1>
        <p>
          {t('when', { day: formatDay(i18n.language, localDay(s.startsAt)), from: localClock(s.startsAt), to: localClock(s.endsAt), zone: edition.timeZone })} · <span dir="auto">{s.room.name}</span> · {t(`status.${s.status}`)}
        </p>
        {s.speakers.length > 0 && (
          <p>
            {s.speakers.map((speaker, i) => (
              <span key={speaker.id}>
                {i > 0 && ', '}
                <span dir="auto">{speaker.name}</span> ({t(`role.${speaker.role}`)})
              </span>
            ))}
          </p>
        )}
        <StatusActions session={s} />
      </section>
      <section className="card">
        <h2>{t('move')}</h2>
        <SessionForm key={`${s.id}-${s.startsAt}-${s.endsAt}-${s.room.id}`} edition={edition} session={s} />
      </section>
      <Registrations session={s} />
    </div>
  );
}

function StatusActions({ session }: { session: Session }) {
  const { t } = useTranslation('adminProgramme');
  const [confirm, dialog] = useConfirm();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (status: Session['status']) => unwrap(api.POST('/api/v1/sessions/{id}/status', { params: { path: { id: session.id } }, body: { status } })),
    onSuccess: (saved) => {
      client.setQueryData(['session', saved.id], saved);
      void client.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  const cancel = async () => {
    if (await confirm({ title: t('cancelSession.title'), text: <p>{t('cancelSession.text')}</p>, confirmLabel: t('cancelSession.confirm'), danger: true })) change.mutate('cancelled');
  };
  const collision = collisionOf(change.error);
  return (
    <div className="prog-actions">
      {session.status === 'draft' && (
        <button type="button" className="primary" onClick={() => change.mutate('published')}>
          {t('publish')}
        </button>
      )}
      {session.status !== 'draft' && (
        <button type="button" onClick={() => change.mutate('draft')}>
          {t('toDraft')}
        </button>
      )}
      {session.status !== 'cancelled' && (
        <button type="button" className="danger" onClick={() => void cancel()}>
          {t('cancelSession.button')}
        </button>
      )}
      {collision ? <p className="error" role="alert">{t(`clash.refused.${collision.kind}`, { title: collision.title })}</p> : <ErrorMessage error={change.error} />}
      {dialog}
    </div>
  );
}
