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

@Injectable()
export class AuthService {
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
    const claims = this.tokens.verify(token);
    const actor = await this.users.findActive(claims.sub);
    if (!actor || actor.role !== claims.role) throw AuthErrors.invalidToken();
    return actor;
  }
}
