import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditService } from './audit/audit.service';
import { AuthModule } from './auth/auth.module';
import { AuditLogReader } from './system/audit-log.reader';
import { Clock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthService } from './health/health.service';
import { JobAdminService } from './jobs/job-admin.service';
import { JobProbesService } from './jobs/job-probes.service';
import { JobsModule } from './jobs/jobs.module';
import { loggerParams } from './logging/logging';
import { CoreMetrics } from './metrics/core-metrics';
import { MetricsServer } from './metrics/metrics-http';
import { Metrics } from './metrics/metrics.service';

/** Configuration, logging, metrics, PostgreSQL, jobs, auth and audit: what every FairOps process needs. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config),
            autoLoadEntities: true,
            // PostgreSQL unreachable at start-up: a few tries, then the process exits with the reason.
            retryAttempts: 4,
            retryDelay: 1500,
          }),
        }),
        JobsModule.forRoot(),
        AuthModule,
      ],
      providers: [AuditService, AuditLogReader, Clock, HealthService, JobProbesService, JobAdminService, Metrics, CoreMetrics, MetricsServer],
      exports: [AuditService, AuditLogReader, Clock, HealthService, JobProbesService, JobAdminService, Metrics, MetricsServer],
    };
  }
}
