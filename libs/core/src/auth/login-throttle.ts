import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { AuthErrors } from './auth.errors';
import { RateLimiter } from './rate-limiter';

/** Failed log-ins per account and per client address; a shared desk network gets ten times as many. */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, clientAddress: string): Array<{ key: string; limit: number }> {
    const max = this.config.login.maxFailures;
    return [
      { key: RateLimiter.key('login-account', email.trim().toLowerCase()), limit: max },
      { key: RateLimiter.key('login-address', clientAddress), limit: max * 10 },
    ];
  }

  /** Refuses with 429 when either counter is at its limit within the window. */
  async assertAllowed(email: string, clientAddress: string): Promise<void> {
    for (const { key, limit } of this.keys(email, clientAddress)) {
      const state = await this.limiter.peek(key, limit, this.config.login.windowSeconds);
      if (!state.allowed) throw AuthErrors.tooManyFailures(state.retryAfterSeconds);
    }
  }

  async recordFailure(email: string, clientAddress: string): Promise<void> {
    for (const { key, limit } of this.keys(email, clientAddress)) await this.limiter.hit(key, limit, this.config.login.windowSeconds);
  }

  async recordSuccess(email: string, clientAddress: string): Promise<void> {
    await this.limiter.reset(this.keys(email, clientAddress)[0].key);
  }
}
