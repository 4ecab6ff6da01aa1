import { KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

/** Attendee categories, in the order their index is written in badge codes (append only). */
export const CATEGORIES = ['visitor', 'exhibitor_staff', 'speaker', 'press', 'official', 'jury', 'organiser'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface BadgeClaims {
  attendeeId: string;
  editionId: string;
  category: Category;
  /** Local fair days the badge is valid on, YYYY-MM-DD. */
  days: string[];
  version: number;
}

export interface SigningKey {
  /** Two bytes of the public key's hash, written in each code so the verifier picks the right key. */
  kid: number;
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

const FORMAT = 1;
const SIGNATURE_BYTES = 64;
const DAY_EPOCH = Date.UTC(2000, 0, 1);

const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const dayToNumber = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - DAY_EPOCH) / 86400000);
const numberToDay = (n: number) => new Date(DAY_EPOCH + n * 86400000).toISOString().slice(0, 10);

export function keyId(publicKey: KeyObject): number {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest().readUInt16BE(0);
}

/** The signing key from BADGE_SIGNING_KEY (base64 PKCS#8 DER Ed25519). */
export function signingKeyFromPkcs8(base64: string): SigningKey {
  const privateKey = createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { kid: keyId(publicKey), publicKey, privateKey };
}

/** A retired key, still accepted for verification (base64 SPKI DER Ed25519 public key). */
export function verifyingKeyFromSpki(base64: string): SigningKey {
  const publicKey = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  return { kid: keyId(publicKey), publicKey };
}

/**
 * A compact, signed badge code for the QR: 39 bytes of claims plus 2 per day, then a 64-byte Ed25519
 * signature, in base64url (about 150 characters for a two-day badge).
 */
export function signBadgeCode(claims: BadgeClaims, key: SigningKey): string {
  if (!key.privateKey) throw new Error('signBadgeCode needs a private key');
  const body = Buffer.alloc(39 + 2 * claims.days.length);
  body.writeUInt8(FORMAT, 0);
  body.writeUInt16BE(key.kid, 1);
  uuidToBytes(claims.attendeeId).copy(body, 3);
  uuidToBytes(claims.editionId).copy(body, 19);
  body.writeUInt8(CATEGORIES.indexOf(claims.category), 35);
  body.writeUInt16BE(claims.version, 36);
  body.writeUInt8(claims.days.length, 38);
  claims.days.forEach((d, i) => body.writeUInt16BE(dayToNumber(d), 39 + 2 * i));
  return Buffer.concat([body, sign(null, body, key.privateKey)]).toString('base64url');
}

/** The claims of a code whose signature checks out with one of `keys`, or null for anything else. */
export function verifyBadgeCode(code: string, keys: ReadonlyMap<number, SigningKey>): BadgeClaims | null {
  if (typeof code !== 'string' || code.length < 100 || code.length > 400 || !/^[A-Za-z0-9_-]+$/.test(code)) return null;
  const bytes = Buffer.from(code, 'base64url');
  if (bytes.length < 39 + SIGNATURE_BYTES || bytes.readUInt8(0) !== FORMAT) return null;
  const dayCount = bytes.readUInt8(38);
  const bodyLength = 39 + 2 * dayCount;
  if (bytes.length !== bodyLength + SIGNATURE_BYTES) return null;
  const key = keys.get(bytes.readUInt16BE(1));
  if (!key) return null;
  const body = bytes.subarray(0, bodyLength);
  if (!verify(null, body, key.publicKey, bytes.subarray(bodyLength))) return null;
  const category = CATEGORIES[bytes.readUInt8(35)];
  if (!category) return null;
  return {
    attendeeId: bytesToUuid(bytes.subarray(3, 19)),
    editionId: bytesToUuid(bytes.subarray(19, 35)),
    category,
    version: bytes.readUInt16BE(36),
    days: Array.from({ length: dayCount }, (_, i) => numberToDay(bytes.readUInt16BE(39 + 2 * i))),
  };
}
