import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@fairops/core';
import { BadgeClaims, SigningKey, signBadgeCode, signingKeyFromPkcs8, verifyBadgeCode, verifyingKeyFromSpki } from './badge-code';

export interface PublicBadgeKey {
  kid: number;
  algorithm: 'Ed25519';
  /** Base64 SPKI DER. */
  publicKey: string;
  status: 'current' | 'retired';
}

/** The key that signs badge codes, and the retired ones that still verify, from the configuration. */
@Injectable()
export class BadgeKeys {
  private readonly current: SigningKey;
  private readonly all: Map<number, SigningKey>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.current = signingKeyFromPkcs8(config.badgeSigningKey);
    const retired = config.badgeRetiredPublicKeys.map(verifyingKeyFromSpki);
    this.all = new Map([...retired, this.current].map((k) => [k.kid, k]));
  }

  sign(claims: BadgeClaims): string {
    return signBadgeCode(claims, this.current);
  }

  verify(code: string): BadgeClaims | null {
    return verifyBadgeCode(code, this.all);
  }

  publicKeys(): PublicBadgeKey[] {
    return [...this.all.values()].map((k) => ({
      kid: k.kid,
      algorithm: 'Ed25519',
      publicKey: k.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      status: k === this.current ? 'current' : 'retired',
    }));
  }
}
