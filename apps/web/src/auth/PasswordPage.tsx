import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import { Layout } from '../shared/Layout';
import { readSession, saveSession } from '../shared/session';

type Mode = 'link' | 'forgot' | 'change';

/**
 * `/account/password`, the page the invitation and reset messages open (`?token=`), the "forgot
 * password" form (`?forgot=1`), and a logged-in user's change of password.
 */
export function PasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const mode: Mode = token ? 'link' : params.get('forgot') ? 'forgot' : 'change';
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  if (mode === 'change' && !readSession()) return <Navigate to="/login?next=/account/password" replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    setError(null);
    try {
      if (mode === 'link') await unwrap(api.POST('/api/v1/auth/password-link', { body: { token: token!, newPassword: text('newPassword') } }));
      if (mode === 'forgot') await unwrap(api.POST('/api/v1/auth/password-reset', { body: { email: text('email') } }));
      if (mode === 'change') {
        const answer = await unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword: text('currentPassword'), newPassword: text('newPassword') } }));
        // Every older token ended with the change: the answer carries the new one.
        saveSession({ token: answer.accessToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user });
      }
      setDone(true);
    } catch (caught) {
      setError(caught);
    }
  }

  const title = mode === 'link' ? t('password.linkTitle') : mode === 'forgot' ? t('password.resetTitle') : t('password.title');
  const doneText = mode === 'link' ? t('password.linkDone') : mode === 'forgot' ? t('password.resetDone') : t('password.done');
  return (
    <Layout>
      <section className="card narrow">
        <h1>{title}</h1>
        {done ? (
          <p role="status">
            {doneText} {mode !== 'change' && <Link to="/login">{t('login.submit')}</Link>}
          </p>
        ) : (
          <form onSubmit={submit}>
            <PasswordFields mode={mode} />
            <ErrorMessage error={error} />
            <button type="submit" className="primary">
              {mode === 'forgot' ? t('password.resetSubmit') : t('password.submit')}
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}

function PasswordFields({ mode }: { mode: Mode }) {
  const { t } = useTranslation();
  if (mode === 'forgot') {
    return (
      <>
        <p>{t('password.resetText')}</p>
        <label>
          {t('login.email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
      </>
    );
  }
  return (
    <>
      {mode === 'change' && (
        <label>
          {t('password.current')}
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
      )}
      <label>
        {t('password.new')}
        <input name="newPassword" type="password" autoComplete="new-password" minLength={10} required />
      </label>
    </>
  );
}
