import { ApiError, type DeskAnswer, type DeskSetup, type DeskVerdict } from '../scanner';
import { judgeBadge, localDay, rawKeyFromSpki, verifyBadge } from './badge';
import { deskStore, readMeta, rememberSeen, seenKey, type KeptEdition, type QueuedScan, type ScannedPerson } from './store';
import { readQueueState } from './sync';
import { setOfflineState } from './status';

let keyCache: { source: unknown; keys: Map<number, Uint8Array> } | undefined;

/** The published keys as raw Ed25519 keys by kid (decoded once per refresh). */
async function verifyingKeys(): Promise<Map<number, Uint8Array> | undefined> {
  const kept = await readMeta<Array<{ kid: number; publicKey: string }>>('keys');
  if (!kept) return undefined;
  if (keyCache?.source !== JSON.stringify(kept)) {
    keyCache = { source: JSON.stringify(kept), keys: new Map(kept.map((k) => [k.kid, rawKeyFromSpki(k.publicKey)])) };
  }
  return keyCache.keys;
}

/**
 * The device's own verdict on a code, with the network down: signature, edition, revocation, today's
 * fair day, and the badges this device has seen today. The scan is written to the upload queue (and a
 * first entry to the day's seen list) in one transaction BEFORE the answer is given.
 */
export async function offlineScan(setup: DeskSetup, code: string, nonce: string): Promise<DeskAnswer> {
  const [edition, keys] = await Promise.all([readMeta<KeptEdition>('edition'), verifyingKeys()]);
  if (!edition || !keys || (setup.editionId && setup.editionId !== edition.id)) {
    setOfflineState({ online: false, unprepared: true });
    throw new ApiError(0, 'offline_unprepared', 'this device has not yet fetched what it needs to check badges offline');
  }
  const now = new Date();
  const today = localDay(now, edition.timeZone);
  const claims = await verifyBadge(code, keys);
  const db = await deskStore();
  const revoked = claims ? await db.get('revocations', claims.attendeeId) : undefined;
  const verdict = judgeBadge(claims, { editionId: edition.id, fairDays: edition.days, today, revoked });
  const seen = claims && verdict === 'admit' ? await db.get('seen', seenKey(edition.id, today, claims.attendeeId)) : undefined;
  const result: DeskVerdict = verdict === 'admit' ? (seen ? 'already_checked_in' : 'ok') : verdict;
  const scan: QueuedScan = { nonce, code, deskId: setup.deskId, gate: setup.gate, editionId: edition.id, scannedAt: now.toISOString(), local: result, attendeeId: claims?.attendeeId };
  const tx = db.transaction(['queue', 'seen'], 'readwrite');
  await tx.objectStore('queue').put(scan);
  if (claims && result === 'ok') await tx.objectStore('seen').put({ key: seenKey(edition.id, today, claims.attendeeId), day: today, at: scan.scannedAt, deskId: setup.deskId });
  await tx.done;
  setOfflineState({ online: false });
  void readQueueState();
  // Without a roster on the device, a person first seen offline is known by category only (names empty).
  const person = seen?.attendee ?? (claims ? { id: claims.attendeeId, firstName: '', lastName: '', organisation: null, category: claims.category } : undefined);
  return {
    result,
    attendee: person,
    firstCheckedInAt: result === 'ok' ? scan.scannedAt : seen?.at,
    firstDeskId: result === 'ok' ? setup.deskId : seen?.deskId,
    offline: true,
  };
}

/** An online answer teaches the device who has come in today, for its offline repeats. */
export async function rememberOnlineAnswer(answer: DeskAnswer, setup: DeskSetup): Promise<void> {
  if (!answer.attendee || !answer.firstCheckedInAt || !['ok', 'already_checked_in'].includes(answer.result)) return;
  const edition = await readMeta<KeptEdition>('edition');
  if (!edition || (setup.editionId && setup.editionId !== edition.id)) return;
  const day = localDay(new Date(answer.firstCheckedInAt), edition.timeZone);
  const attendee: ScannedPerson = answer.attendee;
  await rememberSeen({ key: seenKey(edition.id, day, attendee.id), day, at: answer.firstCheckedInAt, deskId: answer.result === 'ok' ? setup.deskId : answer.firstDeskId, attendee });
}
