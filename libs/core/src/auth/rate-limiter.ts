import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maybeOne, one, rows, sql } from '../database/sql';

export interface RateLimitState {
  allowed: boolean;
  hits: number;
  /** Seconds until the window ends. */
  retryAfterSeconds: number;
}

/**
 * Counts one hit on a key, in one statement safe under concurrency: a window older than
 * `windowSeconds` starts afresh. Answers the hits in the window and the seconds it has left.
 * On every log-in attempt (hot path): a named statement.
 */
const HIT = sql.named<{ key: string; windowSeconds: number }>(`
  INSERT INTO rate_limits (key, hits, window_started_at) VALUES (:key, 1, now())
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN rate_limits.window_started_at > now() - make_interval(secs => :windowSeconds) THEN rate_limits.hits + 1 ELSE 1 END,
    window_started_at = CASE WHEN rate_limits.window_started_at > now() - make_interval(secs => :windowSeconds) THEN rate_limits.window_started_at ELSE now() END
  RETURNING hits, ceil(extract(epoch FROM window_started_at + make_interval(secs => :windowSeconds) - now()))::int AS retry_after`);

/**
 * Fixed-window counters in PostgreSQL, so a limit holds across every API process. Keys are hashed:
 * the table holds no email or client address in clear.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  static key(scope: string, value: string): string {
    return `${scope}:${createHash('sha256').update(value).digest('base64url')}`;
  }

  /** Counts one hit and says whether it is within `limit` for the window. One statement, safe under concurrency. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitState> {
    const row = await one<{ hits: number; retry_after: number }>(this.dataSource, HIT.bind({ key, windowSeconds }));
    return { allowed: row.hits <= limit, hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
  }

  /** The state of a key without counting a hit: allowed while hits are below `limit`. */
  async peek(key: string, limit: number, windowSeconds: number): Promise<RateLimitState> {
    const row = await maybeOne<{ hits: number; retry_after: number }>(
      this.dataSource,
      sql`SELECT hits, ceil(extract(epoch FROM window_started_at + make_interval(secs => ${windowSeconds}) - now()))::int AS retry_after
            FROM rate_limits WHERE key = ${key} AND window_started_at > now() - make_interval(secs => ${windowSeconds})`,
    );
    return row ? { allowed: row.hits < limit, hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) } : { allowed: true, hits: 0, retryAfterSeconds: 0 };
  }

  /** Takes back one hit counted by `hit` (an attempt that turned out not to be a failure). */
  async unhit(key: string): Promise<void> {
    await rows(this.dataSource, sql`UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = ${key}`);
  }

  /** Notes that `key` happened now (no counting): `seenWithin` then says so for as long as asked. */
  async remember(key: string): Promise<void> {
    await rows(this.dataSource, sql`INSERT INTO rate_limits (key, hits, window_started_at) VALUES (${key}, 1, now()) ON CONFLICT (key) DO UPDATE SET window_started_at = now()`);
  }

  /** Whether `remember(key)` was called within the last `seconds`. */
  async seenWithin(key: string, seconds: number): Promise<boolean> {
    const seen = await rows(this.dataSource, sql`SELECT 1 FROM rate_limits WHERE key = ${key} AND window_started_at > now() - make_interval(secs => ${seconds})`);
    return seen.length > 0;
  }

  async reset(key: string): Promise<void> {
    await rows(this.dataSource, sql`DELETE FROM rate_limits WHERE key = ${key}`);
  }
}
