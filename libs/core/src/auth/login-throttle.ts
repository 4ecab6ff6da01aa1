import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { AuthErrors } from './auth.errors';

/**
 * Counts failed log-ins per account and per client address in PostgreSQL, so the limit holds across
 * every API process. Keys are hashed: the table holds no email or address in clear.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, clientAddress: string): Array<{ key: string; limit: number }> {
    const h = (s: string) => createHash('sha256').update(s).digest('base64url');
    const max = this.config.login.maxFailures;
    return [
      { key: `account:${h(email.trim().toLowerCase())}`, limit: max },
      // One address may be a shared desk network: allow it more before locking it out.
      { key: `address:${h(clientAddress)}`, limit: max * 10 },
    ];
  }

  /** Refuses with 429 when either counter is at its limit within the window. */
  async assertAllowed(email: string, clientAddress: string): Promise<void> {
    const window = this.config.login.windowSeconds;
    const keys = this.keys(email, clientAddress);
    const rows: Array<{ key: string; failures: number; retry_after: number }> = await this.dataSource.query(
      `SELECT key, failures, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS retry_after
         FROM login_failures WHERE key = ANY($1) AND window_started_at > now() - make_interval(secs => $2)`,
      [keys.map((k) => k.key), window],
    );
    for (const row of rows) {
      const limit = keys.find((k) => k.key === row.key)!.limit;
      if (row.failures >= limit) throw AuthErrors.tooManyFailures(Math.max(1, row.retry_after));
    }
  }

  async recordFailure(email: string, clientAddress: string): Promise<void> {
    const window = this.config.login.windowSeconds;
    for (const { key } of this.keys(email, clientAddress)) {
      await this.dataSource.query(
        `INSERT INTO login_failures (key, failures, window_started_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_failures.window_started_at > now() - make_interval(secs => $2) THEN login_failures.failures + 1 ELSE 1 END,
           window_started_at = CASE WHEN login_failures.window_started_at > now() - make_interval(secs => $2) THEN login_failures.window_started_at ELSE now() END`,
        [key, window],
      );
    }
  }

  async recordSuccess(email: string, clientAddress: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE key = $1`, [this.keys(email, clientAddress)[0].key]);
  }
}
