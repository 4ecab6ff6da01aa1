import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { DeskVerdict } from '../scanner';
import type { Revoked } from './badge';

/**
 * What the desk keeps on the device (IndexedDB `fairops-desk`): the published keys, its edition's fair
 * days, the revocation list, the badges it has seen today, the scans waiting for upload, and the
 * conflicts the server reported. No roster of attendees: a lost tablet holds only the people it scanned.
 */
export interface KeptEdition {
  id: string;
  timeZone: string;
  days: string[];
}

export interface SeenBadge {
  /** `${editionId}|${day}|${attendeeId}` */
  key: string;
  day: string;
  /** The first check-in this device knows of (its own, or the server's answer). */
  at: string;
  deskId?: string;
  attendee?: ScannedPerson;
}

export interface ScannedPerson {
  id: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  category: string;
}

/** A scan made offline, waiting for upload: exactly what POST /checkin/scans/batch takes, and the local verdict. */
export interface QueuedScan {
  nonce: string;
  code: string;
  deskId: string;
  gate?: string;
  editionId: string;
  scannedAt: string;
  local: DeskVerdict;
  attendeeId?: string;
}

/** An offline scan the device accepted and the server refused, in the server's words. */
export interface ScanConflict {
  nonce: string;
  scannedAt: string;
  server: string;
  attendee?: ScannedPerson;
  firstCheckedInAt?: string;
  message?: string;
}

interface DeskDb extends DBSchema {
  meta: { key: string; value: unknown };
  revocations: { key: string; value: Revoked & { attendeeId: string; revokedAt: string } };
  seen: { key: string; value: SeenBadge; indexes: { day: string } };
  queue: { key: string; value: QueuedScan; indexes: { scannedAt: string } };
  conflicts: { key: string; value: ScanConflict };
}

export type DeskStore = IDBPDatabase<DeskDb>;

let opened: Promise<DeskStore> | undefined;

export function deskStore(): Promise<DeskStore> {
  opened ??= openDB<DeskDb>('fairops-desk', 1, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('revocations', { keyPath: 'attendeeId' });
      db.createObjectStore('seen', { keyPath: 'key' }).createIndex('day', 'day');
      db.createObjectStore('queue', { keyPath: 'nonce' }).createIndex('scannedAt', 'scannedAt');
      db.createObjectStore('conflicts', { keyPath: 'nonce' });
    },
  });
  return opened;
}

export const seenKey = (editionId: string, day: string, attendeeId: string) => `${editionId}|${day}|${attendeeId}`;

export async function readMeta<T>(key: 'keys' | 'edition' | 'revocationsUntil'): Promise<T | undefined> {
  return (await (await deskStore()).get('meta', key)) as T | undefined;
}

/** Records a badge as seen today unless it already is (the first time stays). */
export async function rememberSeen(entry: SeenBadge): Promise<void> {
  const db = await deskStore();
  const tx = db.transaction('seen', 'readwrite');
  const known = await tx.store.get(entry.key);
  if (!known) await tx.store.put(entry);
  else if (!known.attendee && entry.attendee) await tx.store.put({ ...known, attendee: entry.attendee });
  await tx.done;
}

/** Forgets the badges seen on other days than `today`. */
export async function forgetOtherDays(today: string): Promise<void> {
  const db = await deskStore();
  const tx = db.transaction('seen', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (cursor.value.day !== today) await cursor.delete();
  }
  await tx.done;
}
