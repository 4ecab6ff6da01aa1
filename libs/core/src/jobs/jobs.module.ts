import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { FairopsWorker, configureJobBackend, configureWorkers } from './job-backend';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './job-registry';
import { JobProducer } from './job-producer.service';
import { JobQueues } from './job-queues.service';
import { OutboxRelay } from './outbox-relay.service';

/** BullMQ on Redis or PostgreSQL, the registry's queues, the producer and the outbox relay. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            configureWorkers(config);
            BullModule.workerClass = FairopsWorker;
            return { connection: configureJobBackend(config), prefix: config.redisPrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
          },
        }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
      ],
      providers: [JobProducer, JobQueues, OutboxRelay],
      exports: [BullModule, JobProducer, JobQueues, OutboxRelay],
    };
  }
}
