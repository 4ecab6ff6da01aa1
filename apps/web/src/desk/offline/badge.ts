/**
 * Badge codes checked on the device, as libs/attendees/src/badge-code.ts writes them: base64url of
 * [format 1][kid u16][attendee uuid 16][edition uuid 16][category u8][version u16][day count u8][days u16…]
 * then a 64-byte Ed25519 signature of those bytes. Pure functions: no storage, no network.
 */
export const CATEGORIES = ['visitor', 'exhibitor_staff', 'speaker', 'press', 'official', 'jury', 'organiser'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface BadgeClaims {
  kid: number;
  attendeeId: string;
  editionId: string;
  category: Category;
  version: number;
  /** Local fair days the badge is valid on, YYYY-MM-DD. */
  days: string[];
}

interface DecodedBadge {
  claims: BadgeClaims;
  body: Uint8Array;
  signature: Uint8Array;
}

const FORMAT = 1;
const SIGNATURE_BYTES = 64;
const DAY_EPOCH = Date.UTC(2000, 0, 1);

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const uuid = (bytes: Uint8Array) => {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const dayOf = (n: number) => new Date(DAY_EPOCH + n * 86400000).toISOString().slice(0, 10);

/** The parts of a well-formed code (signature not yet checked), or null. */
export function decodeBadge(code: string): DecodedBadge | null {
  if (code.length < 100 || code.length > 400 || !/^[A-Za-z0-9_-]+$/.test(code)) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(code);
  } catch {
    return null;
  }
  if (bytes.length < 39 + SIGNATURE_BYTES || bytes[0] !== FORMAT) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dayCount = bytes[38];
  const bodyLength = 39 + 2 * dayCount;
  const category = CATEGORIES[bytes[35]];
  if (bytes.length !== bodyLength + SIGNATURE_BYTES || !category) return null;
  const claims: BadgeClaims = {
    kid: view.getUint16(1),
    attendeeId: uuid(bytes.subarray(3, 19)),
    editionId: uuid(bytes.subarray(19, 35)),
    category,
    version: view.getUint16(36),
    days: Array.from({ length: dayCount }, (_, i) => dayOf(view.getUint16(39 + 2 * i))),
  };
  return { claims, body: bytes.subarray(0, bodyLength), signature: bytes.subarray(bodyLength) };
}

/** The raw 32-byte Ed25519 key inside a base64 SPKI DER public key (as GET /checkin/keys lists them). */
export function rawKeyFromSpki(spkiBase64: string): Uint8Array {
  const der = fromBase64(spkiBase64);
  return der.subarray(der.length - 32);
}

/** The claims of a code signed by one of `keys` (kid → raw public key), or null for anything else. */
export async function verifyBadge(code: string, keys: ReadonlyMap<number, Uint8Array>): Promise<BadgeClaims | null> {
  const decoded = decodeBadge(code);
  const key = decoded && keys.get(decoded.claims.kid);
  if (!decoded || !key) return null;
  return (await verifyEd25519(decoded.signature, decoded.body, key)) ? decoded.claims : null;
}

let webCryptoEd25519 = true;

/**
 * Called while online: a browser without Ed25519 in WebCrypto loads @noble/ed25519 now, so that the
 * service worker keeps its file and the check works after a reload without network.
 */
export async function prepareVerifier(): Promise<void> {
  const someKey = new Uint8Array(32).fill(1);
  try {
    await crypto.subtle.importKey('raw', someKey, { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotSupportedError') {
      webCryptoEd25519 = false;
      await import('@noble/ed25519');
    }
  }
}

/**
 * Ed25519 by WebCrypto where the browser has it (Chromium 137+, Firefox 129+, Safari 17+), else by
 * @noble/ed25519 (loaded only then). Both follow RFC 8032, as node:crypto does on the server.
 */
async function verifyEd25519(signature: Uint8Array, message: Uint8Array, rawKey: Uint8Array): Promise<boolean> {
  const copy = (b: Uint8Array) => b.slice() as Uint8Array<ArrayBuffer>;
  if (webCryptoEd25519) {
    let key: CryptoKey | undefined;
    try {
      key = await crypto.subtle.importKey('raw', copy(rawKey), { name: 'Ed25519' }, false, ['verify']);
    } catch {
      webCryptoEd25519 = false; // a browser without Ed25519 in WebCrypto
    }
    if (key) return crypto.subtle.verify({ name: 'Ed25519' }, key, copy(signature), copy(message)).catch(() => false);
  }
  const { verifyAsync } = await import('@noble/ed25519');
  return verifyAsync(signature, message, rawKey, { zip215: false }).catch(() => false);
}

export interface Revoked {
  validFromVersion: number;
  reason: 'reissued' | 'cancelled' | 'erased';
}

/** What the device knows when it judges a code offline. */
export interface LocalFacts {
  editionId: string;
  fairDays: readonly string[];
  /** Today's local day in the edition's time zone. */
  today: string;
  revoked?: Revoked;
}

export type LocalVerdict = 'admit' | 'invalid' | 'other_edition' | 'cancelled' | 'revoked' | 'not_valid_today';

/**
 * The server's judgement (badge_verdict, in the same order) made with what the device holds; `admit`
 * comes before the repeat check. An erased attendee is unknown to the server: `invalid` there too.
 */
export function judgeBadge(claims: BadgeClaims | null, facts: LocalFacts): LocalVerdict {
  if (!claims) return 'invalid';
  if (claims.editionId !== facts.editionId) return 'other_edition';
  const revoked = facts.revoked && claims.version < facts.revoked.validFromVersion ? facts.revoked : undefined;
  if (revoked?.reason === 'erased') return 'invalid';
  if (revoked?.reason === 'cancelled') return 'cancelled';
  if (revoked) return 'revoked';
  if (!facts.fairDays.includes(facts.today) || !claims.days.includes(facts.today)) return 'not_valid_today';
  return 'admit';
}

/** The local day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
