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

/**
 * Whether the API answers at all, probed every 5 s while `enabled` (navigator.onLine alone is not to be
 * trusted: a Wi-Fi without uplink says online). Undefined until the first probe has answered.
 */
function useApiReachable(enabled: boolean): boolean | undefined {
  const [reachable, setReachable] = useState<boolean>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const probe = () =>
      void fetch('/api/v1/health/live', { cache: 'no-store' })
        .then(() => true, () => false)
        .then((answer) => live && setReachable(answer));
    probe();
    const timer = window.setInterval(probe, 5000);
    window.addEventListener('online', probe);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('online', probe);
    };
  }, [enabled]);
  return reachable;
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
export function RequireRole({ roles, children, offlineGrace }: { roles: Role[]; children: ReactNode; offlineGrace?: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { session, expired } = useSession();
  const next = encodeURIComponent(location.pathname + location.search);
  const kept = readSession();
  // Offline, a desk keeps scanning on a session that has run out: nothing reaches the server until the
  // agent has logged in again (the offline engine asks for it before uploading).
  const graceable = Boolean(offlineGrace && !session && !expired && kept && roles.includes(kept.user.role));
  const reachable = useApiReachable(graceable);
  if (graceable && reachable === false) return <>{children}</>;
  if (graceable && reachable === undefined) return <p className="loading">{t('loading')}</p>;
  const stale = !session && kept !== null;
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
