import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useConfirm } from '../shared/ConfirmDialog';
import { Field } from '../shared/FieldError';
import { useEdition } from '../shared/useEdition';
import { UserError } from './UserError';
import { describeUserError, useSetPassword, useUser, type User } from './userApi';
import { ToggleButton, useUserActions } from './useUserActions';

/** One user: who they are, disable or enable, set a password. */
export function UserDetail() {
  const { t, i18n } = useTranslation('adminUsers');
  const { id = '' } = useParams();
  const { search } = useLocation();
  const edition = new URLSearchParams(search).get('edition');
  const user = useUser(id);
  const actions = useUserActions();
  const { edition: shown } = useEdition();
  const back = `/admin/users${edition ? `?edition=${encodeURIComponent(edition)}` : ''}`;
  const data = user.data;
  return (
    <div className="users">
      <p>
        <Link to={back}>{t('detail.back')}</Link>
      </p>
      {user.error ? (
        <p className="error" role="alert">
          {user.error instanceof ApiError && user.error.status === 404 ? t('detail.notFound') : describeUserError(t, user.error)}
        </p>
      ) : null}
      {data && (
        <>
          <section className="card" aria-labelledby="user-title">
            <h1 id="user-title" dir="auto">
              {data.displayName}
            </h1>
            <dl className="users-facts">
              <dt>{t('list.email')}</dt>
              <dd>{data.email}</dd>
              <dt>{t('list.role')}</dt>
              <dd>{t(`role.${data.role}`)}</dd>
              <dt>{t('list.organisation')}</dt>
              <dd dir="auto">{data.organisation ?? '—'}</dd>
              <dt>{t('detail.language')}</dt>
              <dd>{t(`language.${data.language ?? 'default'}`, { ns: 'admin' })}</dd>
              <dt>{t('detail.created')}</dt>
              <dd>{formatInstant(i18n.language, data.createdAt, shown?.timeZone ?? 'Africa/Casablanca')}</dd>
              <dt>{t('detail.state')}</dt>
              <dd>{t(data.disabled ? 'list.disabled' : 'list.active')}</dd>
            </dl>
            {actions.outcome}
            <ToggleButton user={data} actions={actions} />
          </section>
          <PasswordForm user={data} />
        </>
      )}
    </div>
  );
}

/** Set a password for the user (POST /users/{id}/password), after a confirmation saying their tokens end. */
function PasswordForm({ user }: { user: User }) {
  const { t } = useTranslation('adminUsers');
  const [confirm, dialog] = useConfirm();
  const setPassword = useSetPassword();
  const [password, setPasswordValue] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const name = user.displayName;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: Record<string, string> = password.length < 10 ? { newPassword: t('password.tooShort') } : reason.length > 500 ? { reason: t('invite.tooLong', { max: 500 }) } : {};
    setProblems(found);
    if (Object.keys(found).length) return;
    if (!(await confirm({ title: t('password.confirmTitle', { name }), text: <p>{t('password.confirmText', { name })}</p>, confirmLabel: t('password.confirm'), danger: true }))) return;
    try {
      await setPassword.mutateAsync({ id: user.id, newPassword: password, reason: reason.trim() || undefined });
      setPasswordValue('');
      setReason('');
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError) setProblems(error.fields);
    }
  };
  return (
    <section className="card" aria-labelledby="password-title">
      {dialog}
      <h2 id="password-title">{t('password.title')}</h2>
      <p>{t('password.text')}</p>
      <div aria-live="polite">{done && <p className="users-done">{t('password.done', { name })}</p>}</div>
      <form onSubmit={(event) => void submit(event)} noValidate className="users-fields">
        <Field name="newPassword" label={t('password.new')} error={problems.newPassword}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={password} onChange={(event) => setPasswordValue(event.target.value)} />}
        </Field>
        <Field name="reason" label={t('password.reason')} error={problems.reason}>
          {(props) => <input {...props} type="text" value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
        <UserError error={setPassword.error} />
        <div className="users-actions">
          <button type="submit" className="danger" disabled={setPassword.isPending}>
            {t('password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
