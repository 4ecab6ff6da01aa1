import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { useConfirm } from '../shared/ConfirmDialog';
import { type Attendee, saveAs } from './queries';

type Action = 'cancel' | 'reissue' | 'export' | 'erase';

async function run(action: Action, attendee: Attendee): Promise<unknown> {
  const path = { params: { path: { id: attendee.id } } };
  if (action === 'cancel') return unwrap(api.POST('/api/v1/attendees/{id}/cancel', { ...path, body: {} }));
  if (action === 'reissue') return unwrap(api.POST('/api/v1/attendees/{id}/reissue', { ...path, body: {} }));
  if (action === 'erase') return unwrap(api.POST('/api/v1/attendees/{id}/erase', path));
  const data = await unwrap(api.GET('/api/v1/attendees/{id}/personal-data', path));
  saveAs(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `attendee-${attendee.id}.json`);
  return data;
}

/** Cancel, re-issue the badge, export the personal data, erase: each destructive one asks first. */
export function AttendeeActions({ attendee }: { attendee: Attendee }) {
  const { t } = useTranslation('adminAttendees');
  const [confirm, dialog] = useConfirm();
  const client = useQueryClient();
  const action = useMutation({
    mutationFn: (name: Action) => run(name, attendee),
    onSuccess: (_data, name) => {
      if (name === 'export') return;
      void client.invalidateQueries({ queryKey: ['attendee', attendee.id] });
      void client.invalidateQueries({ queryKey: ['attendees'] });
    },
  });
  const ask = async (name: Exclude<Action, 'export'>) => {
    const text = name === 'erase' ? <EraseText /> : <p>{t(`${name}.text`)}</p>;
    if (await confirm({ title: t(`${name}.title`), text, confirmLabel: t(`${name}.confirm`), danger: true })) action.mutate(name);
  };
  const live = !attendee.erased && attendee.status === 'registered';
  return (
    <div className="att-actions">
      {live && (
        <button type="button" onClick={() => void ask('reissue')}>
          {t('reissue.button')}
        </button>
      )}
      {live && (
        <button type="button" className="danger" onClick={() => void ask('cancel')}>
          {t('cancel.button')}
        </button>
      )}
      <button type="button" onClick={() => action.mutate('export')}>
        {t('export.button')}
      </button>
      {!attendee.erased && (
        <button type="button" className="danger" onClick={() => void ask('erase')}>
          {t('erase.button')}
        </button>
      )}
      {action.isSuccess && (
        <p role="status" className="done">
          {t(`${action.variables}.done`)}
        </p>
      )}
      <ErrorMessage error={action.error} />
      {dialog}
    </div>
  );
}

function EraseText() {
  const { t } = useTranslation('adminAttendees');
  return (
    <>
      <p>{t('erase.text')}</p>
      <ul>
        {(['name', 'contact', 'leads', 'history', 'badge', 'kept'] as const).map((item) => (
          <li key={item}>{t(`erase.what.${item}`)}</li>
        ))}
      </ul>
      <p>
        <strong>{t('erase.final')}</strong>
      </p>
    </>
  );
}
