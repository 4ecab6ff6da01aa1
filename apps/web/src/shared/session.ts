/**
 * The logged-in session, kept on the device (localStorage) so that a desk that reloads while offline
 * still knows who it is and can upload its scans once back. The token's end is kept beside it: past it,
 * the app shows the "session expired" screen instead of failing request by request.
 */
export interface StoredSession {
  token: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
  user: { id: string; email: string; role: Role; exhibitorId: string | null };
}

export type Role = 'admin' | 'desk' | 'jury' | 'exhibitor';

const KEY = 'fairops.session';
type Listener = (session: StoredSession | null, why: 'login' | 'logout' | 'expired') => void;
const listeners = new Set<Listener>();

export function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((listener) => listener(session, 'login'));
}

export function endSession(why: 'logout' | 'expired'): void {
  localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(null, why));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The area a role works in: where the app goes after log-in. */
export function homeOf(role: Role): string {
  return role === 'desk' ? '/desk' : role === 'jury' ? '/jury' : role === 'exhibitor' ? '/exhibitor' : '/admin';
}
