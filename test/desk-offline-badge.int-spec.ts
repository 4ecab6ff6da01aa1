import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { BadgeClaims as ServerClaims, SigningKey, keyId, signBadgeCode } from '../libs/attendees/src/badge-code';
import { decodeBadge, judgeBadge, localDay, rawKeyFromSpki, verifyBadge } from '../apps/web/src/desk/offline/badge';

/** The desk's offline check of badge codes (apps/web) against codes signed by the server's own code. */
describe('offline badge check (desk, on the device)', () => {
  const makeKey = (): SigningKey & { spki: string } => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    return { kid: keyId(publicKey), publicKey, privateKey, spki: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
  };
  const key = makeKey();
  const other = makeKey();
  const keys = new Map([[key.kid, rawKeyFromSpki(key.spki)]]);
  const claims: ServerClaims = { attendeeId: randomUUID(), editionId: randomUUID(), category: 'press', days: ['2027-04-16', '2027-04-17'], version: 3 };

  it('reads back every claim of a code the server signed, and its key id', async () => {
    const code = signBadgeCode(claims, key);
    expect(await verifyBadge(code, keys)).toEqual({ ...claims, kid: key.kid });
    const oneDay = signBadgeCode({ ...claims, days: ['2027-04-17'], category: 'organiser', version: 65535 }, key);
    expect(await verifyBadge(oneDay, keys)).toMatchObject({ days: ['2027-04-17'], category: 'organiser', version: 65535 });
  });

  it('refuses a code with one changed character, a foreign key, an unknown category and junk', async () => {
    const code = signBadgeCode(claims, key);
    // Flip one character of the claims (the edition id) and one of the signature.
    for (const at of [30, code.length - 10]) {
      const tampered = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
      expect(await verifyBadge(tampered, keys)).toBeNull();
    }
    expect(await verifyBadge(signBadgeCode(claims, other), keys)).toBeNull();
    // Signed with the other key but claiming our kid: the signature does not check out.
    const forged = signBadgeCode(claims, { ...other, kid: key.kid });
    expect(decodeBadge(forged)?.claims.kid).toBe(key.kid);
    expect(await verifyBadge(forged, keys)).toBeNull();
    for (const junk of ['', 'hello', 'x'.repeat(150), `${code}!`, code.slice(0, -2)]) expect(await verifyBadge(junk, keys)).toBeNull();
  });

  it('judges in the server’s order: edition, cancelled, revoked, fair day, then admit', () => {
    const c = { ...claims, kid: key.kid };
    const facts = { editionId: claims.editionId, fairDays: ['2027-04-16', '2027-04-17'], today: '2027-04-16' };
    expect(judgeBadge(c, facts)).toBe('admit');
    expect(judgeBadge(null, facts)).toBe('invalid');
    expect(judgeBadge(c, { ...facts, editionId: randomUUID() })).toBe('other_edition');
    expect(judgeBadge(c, { ...facts, revoked: { validFromVersion: 4, reason: 'reissued' } })).toBe('revoked');
    expect(judgeBadge(c, { ...facts, revoked: { validFromVersion: 3, reason: 'reissued' } })).toBe('admit');
    expect(judgeBadge(c, { ...facts, revoked: { validFromVersion: 65536, reason: 'cancelled' } })).toBe('cancelled');
    expect(judgeBadge(c, { ...facts, revoked: { validFromVersion: 65536, reason: 'erased' } })).toBe('invalid');
    expect(judgeBadge(c, { ...facts, today: '2027-04-18' })).toBe('not_valid_today');
    expect(judgeBadge({ ...c, days: ['2027-04-17'] }, facts)).toBe('not_valid_today');
    expect(judgeBadge(c, { ...facts, fairDays: ['2027-04-17'] })).toBe('not_valid_today');
  });

  it('takes the local day in the fair’s time zone', () => {
    // 23:30 UTC on 15 April is 00:30 on the 16th in Casablanca (UTC+1), still the 15th in UTC.
    expect(localDay(new Date('2027-04-15T23:30:00Z'), 'Africa/Casablanca')).toBe('2027-04-16');
    expect(localDay(new Date('2027-04-15T23:30:00Z'), 'UTC')).toBe('2027-04-15');
  });
});
