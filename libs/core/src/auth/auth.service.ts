import { Injectable } from '@nestjs/common';
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

/** How long the user behind a token is remembered: disabling a user or changing a role takes effect within this. */
const ACTOR_CACHE_MS = 5000;
const ACTOR_CACHE_MAX = 10_000;

@Injectable()
export class AuthService {
  /** The desks send a scan every few hundred milliseconds: re-reading their user each time doubles the queries. */
  private readonly actors = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(email: string, password: string, clientAddress: string, ttlSeconds: number): Promise<LoginResult> {
    await this.throttle.assertAllowed(email, clientAddress);
    const user = await this.users.findForLogin(email);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, clientAddress);
      throw AuthErrors.badCredentials();
    }
    await this.throttle.recordSuccess(email, clientAddress);
    return {
      accessToken: this.tokens.sign({ sub: user.id, role: user.role }),
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
    if (cached && cached.until > Date.now()) return cached.actor;
    const actor = await this.users.findActive(claims.sub);
    if (!actor || actor.role !== claims.role) throw AuthErrors.invalidToken();
    if (this.actors.size >= ACTOR_CACHE_MAX) this.actors.clear();
    this.actors.set(token, { actor, until: Date.now() + ACTOR_CACHE_MS });
    return actor;
  }
}
