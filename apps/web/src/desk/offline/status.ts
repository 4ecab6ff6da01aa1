import type { ScanConflict } from './store';

/** What the desk shows about its connection: read by <OfflineStatus /> through useSyncExternalStore. */
export interface OfflineState {
  /** The network answers (navigator.onLine, and the last request did not fail for want of network). */
  online: boolean;
  /** Scans kept on the device, not yet answered by the server. */
  waiting: number;
  uploading: boolean;
  /** The session ran out: the scans wait until the agent logs in again. */
  needsLogin: boolean;
  /** The device has never fetched the keys and fair days: it cannot judge codes offline. */
  unprepared: boolean;
  conflicts: ScanConflict[];
  /** The last upload was refused as a whole (not for want of network): kept, retried every 30 s. */
  uploadRefused?: unknown;
  /** The edition's time zone, for the times shown (the fair's local time); unknown until the device has fetched its edition. */
  timeZone?: string;
}

let state: OfflineState = { online: typeof navigator === 'undefined' || navigator.onLine, waiting: 0, uploading: false, needsLogin: false, unprepared: false, conflicts: [] };
const listeners = new Set<() => void>();

export const offlineState = () => state;

export function setOfflineState(change: Partial<OfflineState>): void {
  state = { ...state, ...change };
  listeners.forEach((listener) => listener());
}

export function onOfflineState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
