import 'reflect-metadata';
import { join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  AppConfig,
  CoreModule,
  EmbeddedPostgres,
  ensurePortFree,
  exitOnSignals,
  jobBackendKind,
  loadConfig,
  MetricsServer,
  portRefusal,
  runDatabaseMigrations,
  runProcess,
  safeUrl,
  waitForDatabase,
} from '@fairops/core';
import { DEMO_PASSWORD, DemoLogin, DemoModule, DemoSeed } from '@fairops/demo';
import { LocalMailbox } from '@fairops/messages';
import { ApiModule } from '../../api/src/api.module';
import { API_APP_OPTIONS, configureApi } from '../../api/src/http/configure-api';
import { WorkerModule } from '../../worker/src/worker.module';

const say = (text: string) => process.stdout.write(`${text}\n`);

/** What `npm start` prints once everything runs: where each part is, and how to log in to the demo. */
function printBanner(b: { config: AppConfig; demo: boolean; host: string; embedded: boolean; mailbox: boolean; metricsPortUrl?: string; logins: DemoLogin[] }): void {
  const { config, demo, host } = b;
  const base = `http://localhost:${config.port}`;
  say('');
  say(`FairOps is running${demo ? ' with the demo fair loaded (16th SICCAM)' : ''}.`);
  if (existsSync(join(config.webRoot, 'index.html'))) say(`  Web app:  ${base}/  (desks ${base}/desk, jury ${base}/jury)`);
  say(`  API:      ${base}/api/v1`);
  say(`  Docs:     ${base}/docs  (OpenAPI document: ${base}/docs-json)`);
  say(`  Health:   ${base}/health/ready`);
  say(`  Database: ${b.embedded ? `embedded PostgreSQL on port ${config.embeddedPostgresPort}` : safeUrl(config.databaseUrl!)}`);
  say(`  Jobs:     BullMQ on ${jobBackendKind(config) === 'redis' ? 'Redis' : 'PostgreSQL'}`);
  say(b.mailbox ? `  Mailbox:  ${base}/mailbox  (every message sent, kept here: nothing leaves this machine)` : `  Mail:     ${safeUrl(config.mail.smtpUrl!)}`);
  const metricsAt = [config.metrics.token ? `${base}/metrics (Authorization: Bearer $METRICS_TOKEN)` : undefined, b.metricsPortUrl];
  if (metricsAt.some(Boolean)) say(`  Metrics:  ${metricsAt.filter(Boolean).join('; ')}`);
  if (!demo) {
    say(`  Network:  ${host}`);
  } else {
    say(`  Demo log-ins (password ${DEMO_PASSWORD}):`);
    for (const login of b.logins) say(`    ${login.email.padEnd(40)} ${login.role}`);
    if (host === '127.0.0.1') {
      say('  Network:  127.0.0.1 only: the demo accounts are public and must not be exposed. HOST=0.0.0.0 npm start');
      say('            opens it to the network; do that without the demo (SEED_DEMO=false and a fresh DATA_DIR).');
    } else {
      say(`  Network:  ${host} (HOST): the demo accounts are public and must not be exposed; anyone who reaches port ${config.port} can log in as admin.`);
    }
  }
  say('Press Ctrl-C to stop.');
}

/**
 * `npm start`: the whole system in one process. Without DATABASE_URL it runs an embedded PostgreSQL
 * (data under DATA_DIR, kept across restarts) and loads the demo fair into an empty database.
 */
runProcess('start', async () => {
  const loaded = loadConfig(process.env);
  // The demo's accounts are public: with the demo, only this machine may connect unless HOST says otherwise.
  const localOnly = (demo: boolean) => !loaded.hostFromEnvironment && demo;
  // The port first, before anything starts: a busy port is one line, not a failure half-way through.
  await ensurePortFree(loaded.port, localOnly(loaded.seedDemo) ? '127.0.0.1' : loaded.host, 'npm start');
  let embedded: EmbeddedPostgres | undefined;
  let config: AppConfig = loaded;
  if (!loaded.databaseUrl) {
    const dataDir = join(loaded.dataDir, 'postgres');
    const where = `${relative(process.cwd(), dataDir) || dataDir}, port ${loaded.embeddedPostgresPort}`;
    embedded = new EmbeddedPostgres({ dataDir, port: loaded.embeddedPostgresPort });
    if (!embedded.created) say(`Creating the embedded PostgreSQL (${where}); the first start takes a few seconds…`);
    // Refuses in one line, touching nothing, when another FairOps runs on this data directory.
    await embedded.start();
    say(`Started the embedded PostgreSQL (${where}).`);
    config = { ...loaded, databaseUrl: embedded.url };
  }
  // Without SMTP_URL, mail goes to a mailbox on this machine that a person reads at /mailbox.
  const mailbox = config.mail.smtpUrl ? undefined : new LocalMailbox(config.mail.localSmtpPort);
  try {
    if (mailbox) {
      await mailbox.start();
      config = { ...config, mail: { ...config.mail, localSmtpPort: mailbox.smtpPort } };
    }
    await waitForDatabase(config.databaseUrl!);
    const applied = await runDatabaseMigrations(config.databaseUrl!);
    if (applied.length) say(`Applied ${applied.length} migration(s).`);

    @Module({ imports: [CoreModule.forRoot(config), ApiModule, WorkerModule, DemoModule] })
    class StandaloneModule {}

    const app = await NestFactory.create<NestExpressApplication>(StandaloneModule, API_APP_OPTIONS);
    configureApi(app);
    if (mailbox) app.use('/mailbox', mailbox.handle);
    await app.init();
    const seed = app.get(DemoSeed);
    const seeded = config.seedDemo && (await seed.seedIfEmpty());
    const demo = seeded || (await seed.isLoaded());
    const host = localOnly(demo) ? '127.0.0.1' : config.host;
    await app.listen(config.port, host).catch((error: unknown) => {
      throw portRefusal(error, config.port, host, 'npm start') ?? error;
    });

    // The banner comes last, so that it is what the terminal shows.
    printBanner({ config, demo, host, embedded: Boolean(embedded), mailbox: Boolean(mailbox), metricsPortUrl: app.get(MetricsServer).url, logins: seed.logins() });

    exitOnSignals(async () => {
      say('Stopping: workers and server first, then the database…');
      await app.close();
      await mailbox?.stop();
      await embedded?.stop();
      say('Stopped.');
    }, config.shutdownTimeoutMs);
  } catch (error) {
    await mailbox?.stop();
    await embedded?.stop();
    throw error;
  }
});
