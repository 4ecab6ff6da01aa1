import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { onClient } from './pg-client';
import { sql } from './sql';

/** Applies pending migrations from `migrations/`; returns the names it applied. */
export async function runDatabaseMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions({ databaseUrl, databasePoolSize: 2 }) });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Waits for PostgreSQL to answer, a few times; throws a clear message when it does not. */
export async function waitForDatabase(databaseUrl: string, attempts = 5, delayMs = 1500): Promise<void> {
  const { Client } = await import('pg');
  let last: Error | undefined;
  for (let i = 1; i <= attempts; i++) {
    const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await onClient(client, sql`SELECT 1`);
      return;
    } catch (error) {
      last = error as Error;
      if (i < attempts) {
        process.stderr.write(`fairops: PostgreSQL not reachable (${last.message}); retrying (${i}/${attempts - 1})\n`);
        await new Promise((r) => setTimeout(r, delayMs));
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const where = safeUrl(databaseUrl);
  throw new Error(`PostgreSQL at ${where} is unreachable after ${attempts} attempts: ${last?.message}`);
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

export interface ScratchDatabase {
  url: string;
  /** Drops the database, disconnecting whoever is still on it. */
  drop(): Promise<void>;
}

/**
 * A new, migrated database named `<prefix>_<unique>` on the server of `adminUrl`: what the benches
 * and the fault suite run on, so that they never touch a database someone uses.
 */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const { Client } = await import('pg');
  const name = `${prefix}_${Date.now().toString(36)}${Math.random().toString(16).slice(2, 6)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await onClient(admin, sql`CREATE DATABASE ${sql.identifier(name)}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runDatabaseMigrations(url);
  return {
    url,
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await onClient(client, sql`DROP DATABASE IF EXISTS ${sql.identifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
