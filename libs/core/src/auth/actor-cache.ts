import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { onClient } from '../database/pg-client';
import { rows, sql } from '../database/sql';
import { Actor } from './roles';

/** The PostgreSQL channel on which a change that ends a user's tokens is announced to every process. */
export const USER_TOKENS_CHANNEL = 'fairops_user_tokens';

/** How long the user behind a token is remembered when nothing announces a change. */
const ACTOR_CACHE_MS = 5000;
const ACTOR_CACHE_MAX = 10_000;
const RECONNECT_MS = 1000;

/**
 * The user behind each recently seen token, so that the desks' scans (one every few hundred
 * milliseconds) do not re-read their user each time. A change that ends a user's tokens (disabled,
 * password changed) is announced with NOTIFY in its transaction; every API process LISTENs and drops
 * that user's entries when it commits. While the LISTEN connection is not up, nothing is remembered:
 * a missed announcement can never leave an ended token accepted.
 */
@Injectable()
export class ActorCache implements OnModuleDestroy {
  private readonly logger = new Logger(ActorCache.name);
  private readonly entries = new Map<string, { actor: Actor; until: number }>();
  private listener?: Client;
  private listening = false;
  private starting = false;
  private closed = false;
  /** Bumped by every announcement: an entry read before one is not stored after it. */
  private generation = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The remembered actor of a token, if any; starts the listener on first use. */
  get(token: string): Actor | undefined {
    if (!this.listening) {
      this.startListening();
      return undefined;
    }
    const entry = this.entries.get(token);
    return entry && entry.until > Date.now() ? entry.actor : undefined;
  }

  /** Call before reading the user; pass the result to `set`. */
  mark(): number {
    return this.generation;
  }

  set(token: string, actor: Actor, mark: number): void {
    if (!this.listening || mark !== this.generation) return;
    if (this.entries.size >= ACTOR_CACHE_MAX) this.entries.clear();
    this.entries.set(token, { actor, until: Date.now() + ACTOR_CACHE_MS });
  }

  /**
   * Announces, in `m`'s transaction, that a user's tokens end: every process (this one included) drops
   * the user's entries when it commits. Call `forget` after the commit too, not to wait for the echo.
   */
  async announce(m: EntityManager, userId: string): Promise<void> {
    await rows(m, sql`SELECT pg_notify(${USER_TOKENS_CHANNEL}, ${userId})`);
  }

  /** Drops the entries of one user (a notification arrived, or this process made the change). */
  forget(userId: string): void {
    this.generation++;
    for (const [token, entry] of this.entries) if (entry.actor.id === userId) this.entries.delete(token);
  }

  private startListening(): void {
    if (this.starting || this.closed) return;
    this.starting = true;
    const client = new Client({ connectionString: (this.dataSource.options as { url: string }).url, connectionTimeoutMillis: 3000, application_name: 'fairops-listen' });
    const lost = () => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      this.generation++;
      this.entries.clear();
      client.end().catch(() => undefined);
      // The next request (at most every RECONNECT_MS) starts it again; meanwhile nothing is cached.
      setTimeout(() => (this.starting = false), RECONNECT_MS).unref();
    };
    this.listener = client;
    client.on('notification', (n) => n.channel === USER_TOKENS_CHANNEL && n.payload && this.forget(n.payload));
    client.on('error', lost);
    client.on('end', lost);
    client
      .connect()
      .then(() => onClient(client, sql`LISTEN ${sql.identifier(USER_TOKENS_CHANNEL)}`))
      .then(() => {
        if (this.listener !== client || this.closed) return;
        this.listening = true;
        this.starting = false;
      })
      .catch((error: Error) => {
        this.logger.warn(`actor cache off: cannot LISTEN (${error.message})`);
        lost();
      });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.listening = false;
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }
}
