import { Injectable } from '@nestjs/common';
import { ActorCache } from './actor-cache';
import { AuthErrors } from './auth.errors';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { Actor } from './roles';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; role: Actor['role']; exhibitorId: string | null };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly actors: ActorCache,
  ) {}

  async login(email: string, password: string, clientAddress: string, ttlSeconds: number): Promise<LoginResult> {
    // Counted before the password is checked: concurrent attempts cannot pass the limits.
    const attempt = await this.throttle.attempt(email, clientAddress);
    const user = await this.users.findForLogin(email);
    // An invited user without a password yet is refused like a wrong password, after the same decoy check.
    const ok = await this.hasher.verify(user?.passwordHash ?? undefined, password);
    if (!user || !ok) throw AuthErrors.badCredentials();
    await attempt.succeeded();
    return this.issue(user, ttlSeconds);
  }

  /** A user changes their own password; a wrong current password counts like a failed log-in. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, clientAddress: string, ttlSeconds: number): Promise<LoginResult> {
    const attempt = await this.throttle.attempt(actor.email, clientAddress);
    const user = await this.users.changeOwnPassword(actor, currentPassword, newPassword);
    await attempt.succeeded();
    return this.issue(user, ttlSeconds);
  }

  /** A token for a user just authenticated (log-in, or a password change that ended their other tokens). */
  issue(user: Actor & { tokenVersion: number }, ttlSeconds: number): LoginResult {
    return {
      accessToken: this.tokens.sign({ sub: user.id, role: user.role, ver: user.tokenVersion }),
      tokenType: 'Bearer',
      expiresIn: ttlSeconds,
      user: { id: user.id, email: user.email, role: user.role, exhibitorId: user.exhibitorId },
    };
  }

  /** The actor behind a bearer token; throws 401 when the token or its user is not valid. */
  async authenticate(token: string): Promise<Actor> {
    // The signature, issuer, audience and expiry are checked on every request; only the user is remembered.
    const claims = this.tokens.verify(token);
    const cached = this.actors.get(token);
    if (cached) return cached;
    const mark = this.actors.mark();
    const user = await this.users.findActive(claims.sub);
    // A token issued before the user's last disable or password change carries an older version.
    if (!user || user.role !== claims.role || user.tokenVersion !== (claims.ver ?? 0)) throw AuthErrors.invalidToken();
    const actor: Actor = { id: user.id, email: user.email, role: user.role, exhibitorId: user.exhibitorId };
    this.actors.set(token, actor, mark);
    return actor;
  }
}
