import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, CoreModule, exitOnSignals, loadConfig, quietStartUp, runProcess, waitForDatabase } from '@fairops/core';
import { WorkerModule } from './worker.module';

/** `npm run start:worker`: job workers and the outbox relay, against DATABASE_URL; run as many as needed. */
runProcess('worker', async () => {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new ConfigError('Invalid configuration: DATABASE_URL is required for start:worker (npm start runs everything on an embedded PostgreSQL)');
  await waitForDatabase(config.databaseUrl);

  @Module({ imports: [CoreModule.forRoot(config), WorkerModule] })
  class WorkerProcessModule {}

  const app = await NestFactory.createApplicationContext(WorkerProcessModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(quietStartUp(app.get(Logger)));
  await app.init();
  exitOnSignals(() => app.close(), config.shutdownTimeoutMs);
});
