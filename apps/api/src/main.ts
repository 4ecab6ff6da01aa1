import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, CoreModule, ensurePortFree, exitOnSignals, loadConfig, portRefusal, runProcess, waitForDatabase } from '@fairops/core';
import { ApiModule } from './api.module';
import { API_APP_OPTIONS, configureApi } from './http/configure-api';

/** `npm run start:api`: the HTTP API alone, against DATABASE_URL; run as many as the fair needs. */
runProcess('api', async () => {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new ConfigError('Invalid configuration: DATABASE_URL is required for start:api (npm start runs everything on an embedded PostgreSQL)');
  await ensurePortFree(config.port, config.host, 'npm run start:api');
  await waitForDatabase(config.databaseUrl);

  @Module({ imports: [CoreModule.forRoot(config), ApiModule] })
  class ApiProcessModule {}

  const app = await NestFactory.create<NestExpressApplication>(ApiProcessModule, API_APP_OPTIONS);
  configureApi(app);
  await app.listen(config.port, config.host).catch((error: unknown) => {
    throw portRefusal(error, config.port, config.host, 'npm run start:api') ?? error;
  });
  exitOnSignals(() => app.close(), config.shutdownTimeoutMs);
});
