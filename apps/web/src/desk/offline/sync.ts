import { ApiError, api, unwrap } from '../../shared/api';
import { readSession } from '../../shared/session';
import type { DeskSetup } from '../scanner';
import { forgetOtherDays, deskStore, readMeta, type KeptEdition, type QueuedScan, type ScanConflict } from './store';
import { localDay, prepareVerifier } from './badge';
import { offlineState, setOfflineState } from './status';
import { registerServiceWorker } from './service-worker';

/** How often a desk refreshes its revocation list while the network is up, and retries while it is down. */
export const SYNC_EVERY_MS = 30_000;
export const RETRY_OFFLINE_MS = 5_000;
const BATCH_LIMIT = 5000;

/** The network failed (status 0): the state says offline until a request gets through. */
export function noteNetwork(error: unknown): void {
  if (error instanceof ApiError && error.offline) setOfflineState({ online: false });
}

/** Keys, the edition's fair days and the revocations since the last refresh, kept on the device. */
export async function refreshOfflineData(setup: DeskSetup): Promise<void> {
  const keys = await unwrap(api.GET('/api/v1/checkin/keys', { params: { query: { limit: 200 } } }));
  const edition = setup.editionId
    ? await unwrap(api.GET('/api/v1/editions/{id}', { params: { path: { id: setup.editionId } } }))
    : await unwrap(api.GET('/api/v1/editions/current'));
  const kept = await readMeta<KeptEdition>('edition');
  const sameEdition = kept?.id === edition.id;
  const since = sameEdition ? await readMeta<string>('revocationsUntil') : undefined;
  const revocations = await unwrap(api.GET('/api/v1/checkin/revocations', { params: { query: { editionId: edition.id, since } } }));
  const db = await deskStore();
  const tx = db.transaction(['meta', 'revocations'], 'readwrite');
  const revoked = tx.objectStore('revocations');
  if (!sameEdition) await revoked.clear();
  for (const item of revocations.items) {
    const known = await revoked.get(item.attendeeId);
    const revokedAt = String(item.revokedAt);
    if (!known || known.revokedAt <= revokedAt) await revoked.put({ attendeeId: item.attendeeId, validFromVersion: item.validFromVersion, reason: item.reason, revokedAt });
  }
  const meta = tx.objectStore('meta');
  await meta.put(keys.items.map((k) => ({ kid: k.kid, publicKey: k.publicKey })), 'keys');
  await meta.put({ id: edition.id, timeZone: edition.timeZone, days: edition.days.map((d) => d.date) } satisfies KeptEdition, 'edition');
  await meta.put(String(revocations.until), 'revocationsUntil');
  await tx.done;
  await forgetOtherDays(localDay(new Date(), edition.timeZone));
  setOfflineState({ online: true, unprepared: false, timeZone: edition.timeZone });
}

/** Counts the waiting scans and reads the conflicts into the state. */
export async function readQueueState(): Promise<void> {
  const db = await deskStore();
  const [waiting, conflicts, edition] = await Promise.all([db.count('queue'), db.getAll('conflicts'), readMeta<KeptEdition>('edition')]);
  conflicts.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  setOfflineState({ waiting, conflicts, unprepared: !edition, ...(edition && { timeZone: edition.timeZone }) });
}

/** The device accepted the scan (green) and the server did not: the agent must hear of it. */
function conflictOf(scan: QueuedScan, slot: BatchSlot): ScanConflict | null {
  if (scan.local !== 'ok' || slot.result === 'ok') return null;
  return {
    nonce: scan.nonce,
    scannedAt: scan.scannedAt,
    server: slot.result === 'error' ? (slot.error ?? 'error') : slot.result,
    attendee: slot.attendee,
    firstCheckedInAt: slot.firstCheckedInAt,
    message: slot.message,
  };
}

type BatchSlot = { result: string; error?: string; message?: string; firstCheckedInAt?: string; attendee?: ScanConflict['attendee'] };

/**
 * Uploads the waiting scans, oldest first, in batches of up to 5000. A scan leaves the device only once
 * the server has answered it (its slot, whatever the verdict); a failed upload keeps every scan.
 */
export async function uploadQueue(): Promise<void> {
  if (offlineState().uploading) return;
  const session = readSession();
  if (!session || session.expiresAt <= Date.now()) {
    await readQueueState();
    setOfflineState({ needsLogin: offlineState().waiting > 0 });
    return;
  }
  setOfflineState({ uploading: true, needsLogin: false, uploadRefused: undefined });
  try {
    const db = await deskStore();
    for (;;) {
      const scans = await db.getAllFromIndex('queue', 'scannedAt', undefined, BATCH_LIMIT);
      if (!scans.length) break;
      // With the answer the desk gave: a refusal the server agrees with is no conflict for the organiser.
      const body = { scans: scans.map(({ code, deskId, nonce, scannedAt, gate, editionId, local }) => ({ code, deskId, nonce, scannedAt, gate, editionId, deskAnswer: local })) };
      const answer = await unwrap(api.POST('/api/v1/checkin/scans/batch', { body: body as never }));
      const tx = db.transaction(['queue', 'conflicts'], 'readwrite');
      for (const [i, scan] of scans.entries()) {
        const conflict = conflictOf(scan, answer.results[i] as BatchSlot);
        if (conflict) await tx.objectStore('conflicts').put(conflict);
        await tx.objectStore('queue').delete(scan.nonce);
      }
      await tx.done;
      setOfflineState({ online: true });
      if (scans.length < BATCH_LIMIT) break;
    }
  } catch (error) {
    noteNetwork(error);
    // A refusal of the whole batch (a 5xx, a 413…) is said; an expired token shows the expiry screen instead.
    if (!(error instanceof ApiError) || (!error.offline && error.status !== 401)) setOfflineState({ uploadRefused: error });
  } finally {
    setOfflineState({ uploading: false });
    await readQueueState();
  }
}

/** Refreshes what the device keeps, then uploads; a failure leaves both for the next round. */
async function syncRound(setup: DeskSetup): Promise<void> {
  // navigator.onLine false is sure; true is not (a Wi-Fi without uplink): then the requests tell.
  if (!navigator.onLine) {
    setOfflineState({ online: false });
    return;
  }
  lastRound = Date.now();
  await refreshOfflineData(setup).catch(noteNetwork);
  await uploadQueue();
}

let lastRound = 0;

/** Rounds every 30 s, or every 5 s while the network is down, so the queue leaves soon after it is back. */
function scheduleRounds(): void {
  window.setInterval(() => {
    if (!offlineState().online || Date.now() - lastRound >= SYNC_EVERY_MS) void syncRound(current!);
  }, RETRY_OFFLINE_MS);
}

let current: DeskSetup | undefined;

/**
 * Keeps the device ready for offline work: a round at once (each time a desk screen opens, so a log-in
 * again uploads what waited), then every 30 s (5 s while offline), and when the network comes back. The first call also
 * registers the service worker that lets the page load offline.
 */
export function startOfflineSync(setup: DeskSetup): void {
  if (typeof window === 'undefined') return;
  const first = current === undefined;
  current = setup;
  void readQueueState().then(() => syncRound(setup));
  if (!first) return;
  void prepareVerifier().finally(registerServiceWorker);
  window.addEventListener('online', () => void syncRound(current!));
  window.addEventListener('offline', () => setOfflineState({ online: false }));
  scheduleRounds();
}

/** The agent has read a conflict: it leaves the device. */
export async function dismissConflict(nonce: string): Promise<void> {
  await (await deskStore()).delete('conflicts', nonce);
  await readQueueState();
}
