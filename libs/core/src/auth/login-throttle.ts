import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { AuthErrors } from './auth.errors';
import { RateLimiter } from './rate-limiter';

/** What the caller must say once the password was checked. */
export interface LoginAttempt {
  /** The password was right: the attempt is taken back from the counters, and its pair starts afresh. */
  succeeded(): Promise<void>;
}

/** Delay before the password check of an attempt on a much-attacked account: 0.25 s, doubling, at most 8 s. */
export function accountDelayMs(accountAttempts: number, maxFailures: number): number {
  const over = accountAttempts - 2 * maxFailures;
  return over <= 0 ? 0 : Math.min(250 * 2 ** (over - 1), 8000);
}

/** How long an (account, address) pair stays known after a successful log-in: 30 days. */
export const KNOWN_PAIR_SECONDS = 30 * 86400;

/**
 * Log-in throttling (README, "Security"). Every attempt is counted before its password is checked, in
 * one statement per counter, so concurrent attempts cannot slip past a limit. With `max` =
 * LOGIN_MAX_FAILURES, per window:
 * - per account and address pair: `max` attempts, then 429 (the owner at another address is not affected);
 * - per address: `10 × max` attempts over all accounts, then 429; except for a known pair (the account
 *   logged in successfully from that address within 30 days): at a venue every desk shares one public
 *   address (NAT), and others' failures must not lock the desks out;
 * - per account, over all addresses: past `2 × max` attempts each one waits before its check (growing
 *   delay), and past `20 × max` the account answers 429 until the window ends.
 * A successful log-in takes its own attempt back and resets its pair.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts an attempt, waits the account's delay if any; throws 429 when a limit is passed. */
  async attempt(email: string, clientAddress: string): Promise<LoginAttempt> {
    const account = email.trim().toLowerCase();
    const max = this.config.login.maxFailures;
    const window = this.config.login.windowSeconds;
    const pairKey = RateLimiter.key('login-pair', `${account}\n${clientAddress}`);
    const addressKey = RateLimiter.key('login-address', clientAddress);
    const accountKey = RateLimiter.key('login-account', account);
    // Hashed like every key: the table holds neither the email nor the address in clear.
    const knownKey = RateLimiter.key('login-known', `${account}\n${clientAddress}`);

    // Sequential on purpose: an attempt refused for its pair or address never counts against the
    // account, so one address cannot push an account to its account-wide limit.
    const pair = await this.limiter.hit(pairKey, max, window);
    if (!pair.allowed) throw AuthErrors.tooManyFailures(pair.retryAfterSeconds);
    // A known pair is neither stopped by nor counted against its address's cap; its pair limit and the
    // account-wide delay and limit still hold.
    const known = await this.limiter.seenWithin(knownKey, KNOWN_PAIR_SECONDS);
    if (!known) {
      const address = await this.limiter.hit(addressKey, max * 10, window);
      if (!address.allowed) throw AuthErrors.tooManyFailures(address.retryAfterSeconds);
    }
    const accountState = await this.limiter.hit(accountKey, max * 20, window);
    if (!accountState.allowed) throw AuthErrors.tooManyFailures(accountState.retryAfterSeconds);
    const delay = accountDelayMs(accountState.hits, max);
    if (delay > 0) await sleep(delay);

    return {
      succeeded: async () => {
        await this.limiter.reset(pairKey);
        if (!known) await this.limiter.unhit(addressKey);
        await this.limiter.unhit(accountKey);
        await this.limiter.remember(knownKey);
      },
    };
  }
}
