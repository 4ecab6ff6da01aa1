import 'reflect-metadata';
import { join, relative } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  AppConfig,
  CoreModule,
  EmbeddedPostgres,
  exitOnSignals,
  jobBackendKind,
  loadConfig,
  runDatabaseMigrations,
  runProcess,
  safeUrl,
  waitForDatabase,
} from '@fairops/core';
import { DEMO_PASSWORD, DemoModule, DemoSeed } from '@fairops/demo';
import { ApiModule } from '../../api/src/api.module';
import { API_APP_OPTIONS, configureApi } from '../../api/src/http/configure-api';
import { WorkerModule } from '../../worker/src/worker.module';

const say = (text: string) => process.stdout.write(`${text}\n`);

/**
 * `npm start`: the whole system in one process. Without DATABASE_URL it runs an embedded PostgreSQL
 * (data under DATA_DIR, kept across restarts) and loads the demo fair into an empty database.
 */
runProcess('start', async () => {
  const loaded = loadConfig(process.env);
  let embedded: EmbeddedPostgres | undefined;
  let config: AppConfig = loaded;
  if (!loaded.databaseUrl) {
    const dataDir = join(loaded.dataDir, 'postgres');
    say(`Starting the embedded PostgreSQL (${relative(process.cwd(), dataDir) || dataDir}, port ${loaded.embeddedPostgresPort})…`);
    embedded = new EmbeddedPostgres({ dataDir, port: loaded.embeddedPostgresPort });
    await embedded.start();
    config = { ...loaded, databaseUrl: embedded.url };
  }
  try {
    await waitForDatabase(config.databaseUrl!);
    const applied = await runDatabaseMigrations(config.databaseUrl!);
    if (applied.length) say(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);

    @Module({ imports: [CoreModule.forRoot(config), ApiModule, WorkerModule, DemoModule] })
    class StandaloneModule {}

    const app = await NestFactory.create<NestExpressApplication>(StandaloneModule, API_APP_OPTIONS);
    configureApi(app);
    await app.init();
    const seed = app.get(DemoSeed);
    const seeded = config.seedDemo && (await seed.seedIfEmpty());
    await app.listen(config.port, config.host);

    const base = `http://localhost:${config.port}`;
    say('');
    say(`FairOps is running${seeded ? ' with the demo fair loaded (16th SICCAM)' : ''}.`);
    say(`  API:      ${base}/api/v1`);
    say(`  Docs:     ${base}/docs  (OpenAPI document: ${base}/docs-json)`);
    say(`  Health:   ${base}/health/ready`);
    say(`  Database: ${embedded ? `embedded PostgreSQL on port ${config.embeddedPostgresPort}` : safeUrl(config.databaseUrl!)}`);
    say(`  Jobs:     BullMQ on ${jobBackendKind(config) === 'redis' ? 'Redis' : 'PostgreSQL'}`);
    if (config.seedDemo) {
      say(`  Demo log-ins (password ${DEMO_PASSWORD}):`);
      for (const login of seed.logins()) say(`    ${login.email.padEnd(40)} ${login.role}`);
    }
    say('Press Ctrl-C to stop.');

    exitOnSignals(async () => {
      say('Stopping: workers and server first, then the database…');
      await app.close();
      await embedded?.stop();
    }, config.shutdownTimeoutMs);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
});
