import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { AuthErrors } from './auth.errors';
import { Role } from './roles';

/** Users' ids are UUIDs: a token naming anything else is not ours, whatever its signature (and must not reach SQL). */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** The user's token version when issued; tokens from before the last disable or password change are refused. Absent on tokens issued before versions existed (version 0). */
  ver?: number;
}

/** Access tokens: HS256 only, with issuer, audience and expiry checked on every request. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A KeyObject, not a string: given a string, jsonwebtoken first tries to parse it as a public key
    // on every verification, which costs more than the rest of the check.
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as string });
  }

  sign(claims: AccessTokenClaims): string {
    return this.jwt.sign(claims, {
      algorithm: 'HS256',
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.ttlSeconds,
    });
  }

  verify(token: string): AccessTokenClaims {
    try {
      const claims = this.jwt.verify<AccessTokenClaims & { exp?: number }>(token, {
        algorithms: ['HS256'],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
      if (typeof claims.sub !== 'string' || !USER_ID.test(claims.sub) || typeof claims.exp !== 'number' || (claims.ver !== undefined && !Number.isInteger(claims.ver))) throw AuthErrors.invalidToken();
      return claims;
    } catch {
      throw AuthErrors.invalidToken();
    }
  }
}
