import { generateKeyPairSync } from 'node:crypto';
import { BadgeClaims, SigningKey, signBadgeCode, signingKeyFromPkcs8, verifyBadgeCode, verifyingKeyFromSpki } from './badge-code';

const pkcs8 = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const ring = (...keys: SigningKey[]) => new Map(keys.map((k) => [k.kid, k]));

describe('badge codes', () => {
  const key = signingKeyFromPkcs8(pkcs8());
  const claims: BadgeClaims = {
    attendeeId: '3f0c2b1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f',
    editionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    category: 'press',
    days: ['2027-04-16', '2027-04-17'],
    version: 3,
  };

  it('round-trips the claims in a compact code', () => {
    const code = signBadgeCode(claims, key);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(160);
    expect(verifyBadgeCode(code, ring(key))).toEqual(claims);
  });

  it('refuses a tampered code, a foreign key, and garbage', () => {
    const code = signBadgeCode(claims, key);
    const bytes = Buffer.from(code, 'base64url');
    bytes[36] ^= 0x01; // the version
    expect(verifyBadgeCode(bytes.toString('base64url'), ring(key))).toBeNull();
    const foreign = signingKeyFromPkcs8(pkcs8());
    expect(verifyBadgeCode(signBadgeCode(claims, foreign), ring(key))).toBeNull();
    // Same key id written, but signed by another key: still refused.
    const impostor = { ...foreign, kid: key.kid };
    expect(verifyBadgeCode(signBadgeCode(claims, impostor), ring(key))).toBeNull();
    for (const junk of ['', 'hello', 'x'.repeat(150), `${code}!`, code.slice(0, -4)]) expect(verifyBadgeCode(junk, ring(key))).toBeNull();
  });

  it('accepts codes of a retired key kept for verification', () => {
    const old = signingKeyFromPkcs8(pkcs8());
    const code = signBadgeCode(claims, old);
    const retired = verifyingKeyFromSpki(old.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'));
    expect(verifyBadgeCode(code, ring(key, retired))).toEqual(claims);
    expect(() => signBadgeCode(claims, retired)).toThrow('private key');
  });
});
