import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import { Layout } from '../shared/Layout';
import { homeOf, saveSession } from '../shared/session';

/** Log-in for every role; afterwards the page asked for (`next`), or the role's own area. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST('/api/v1/auth/login', { body: { email: String(form.get('email')), password: String(form.get('password')) } }));
      saveSession({ token: answer.accessToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user });
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(answer.user.role), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Layout>
      <section className="card narrow">
        <h1>{t('login.title')}</h1>
        <form onSubmit={submit}>
          <label>
            {t('login.email')}
            <input name="email" type="email" autoComplete="username" required autoFocus />
          </label>
          <label>
            {t('login.password')}
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          {error instanceof ApiError && error.status === 401 ? <p className="error" role="alert">{t('login.wrong')}</p> : <ErrorMessage error={error} />}
          <button type="submit" className="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
        <p>
          <Link to="/account/password?forgot=1">{t('login.forgot')}</Link>
        </p>
      </section>
    </Layout>
  );
}
