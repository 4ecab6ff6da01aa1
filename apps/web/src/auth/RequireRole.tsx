import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { Layout } from '../shared/Layout';
import { type Role, type StoredSession, onSessionChange, readSession } from '../shared/session';

/** The session as React state: log-in, log-out and expiry re-render whoever reads it. */
export function useSession(): { session: StoredSession | null; expired: boolean } {
  const [state, setState] = useState(() => ({ session: liveSession(), expired: false }));
  useEffect(() => onSessionChange((session, why) => setState({ session, expired: why === 'expired' })), []);
  return state;
}

/** The stored session, unless its token has already run out. */
function liveSession(): StoredSession | null {
  const session = readSession();
  return session && session.expiresAt > Date.now() ? session : null;
}

/**
 * An area for some roles. Not logged in: the log-in page, coming back here after. Logged out by expiry:
 * a screen that says so (a desk agent must understand why the scans stopped). Wrong role: said in words.
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { session, expired } = useSession();
  const next = encodeURIComponent(location.pathname + location.search);
  const stale = !session && readSession() !== null;
  if (expired || stale) return <SessionExpired next={next} />;
  if (!session) return <Navigate to={`/login?next=${next}`} replace />;
  if (!roles.includes(session.user.role)) {
    return (
      <Layout>
        <p className="card" role="alert">
          {t('forbidden')}
        </p>
      </Layout>
    );
  }
  return <>{children}</>;
}

export function SessionExpired({ next }: { next: string }) {
  const { t } = useTranslation();
  return (
    <Layout>
      <section className="card narrow" role="alert">
        <h1>{t('expired.title')}</h1>
        <p>{t('expired.text')}</p>
        <Link className="button primary" to={`/login?next=${next}`}>
          {t('expired.again')}
        </Link>
      </section>
    </Layout>
  );
}
