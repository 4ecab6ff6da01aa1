import 'reflect-metadata';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError, CoreModule, EmbeddedPostgres, loadConfig, runDatabaseMigrations, runProcess, safeUrl, waitForDatabase } from '@fairops/core';
import { DemoModule, DemoSeed } from '@fairops/demo';

const say = (text: string) => process.stdout.write(`${text}\n`);
const COMMANDS = ['migrate', 'seed-demo'] as const;

/**
 * `npm run migration:run` and `npm run seed:demo`. Against DATABASE_URL, or the embedded PostgreSQL
 * of `npm start` when it is unset.
 */
runProcess('cli', async () => {
  const command = process.argv[2];
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number])) {
    throw new ConfigError(`usage: cli <${COMMANDS.join('|')}> (got ${JSON.stringify(command ?? '')})`);
  }
  const loaded = loadConfig(process.env);
  let embedded: EmbeddedPostgres | undefined;
  let config: AppConfig = loaded;
  if (!loaded.databaseUrl) {
    embedded = new EmbeddedPostgres({ dataDir: join(loaded.dataDir, 'postgres'), port: loaded.embeddedPostgresPort });
    await embedded.start();
    config = { ...loaded, databaseUrl: embedded.url };
  }
  try {
    await waitForDatabase(config.databaseUrl!);
    const applied = await runDatabaseMigrations(config.databaseUrl!);
    say(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : `No pending migration on ${safeUrl(config.databaseUrl!)}`);
    if (command === 'seed-demo') {
      @Module({ imports: [CoreModule.forRoot(config), DemoModule] })
      class SeedModule {}
      const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'], abortOnError: false });
      const seeded = await app.get(DemoSeed).seedIfEmpty();
      await app.close();
      say(seeded ? 'Demo fair loaded (16th SICCAM).' : 'The database is not empty: demo fair not loaded.');
    }
  } finally {
    await embedded?.stop();
  }
});
