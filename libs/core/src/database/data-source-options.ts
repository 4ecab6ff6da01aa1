import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { AppConfig } from '../config/app-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one set of connection options, shared by the apps (through TypeOrmModule), the migration
 * step and the test harness. The schema is owned by the migrations in `migrations/`: never synchronised.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'>): DataSourceOptions {
  if (!config.databaseUrl) throw new Error('dataSourceOptions: no database URL (embedded PostgreSQL not started?)');
  return {
    type: 'postgres',
    url: config.databaseUrl,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: config.databasePoolSize,
      // Fail fast when PostgreSQL is away, so requests answer 503 instead of hanging.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30000,
      application_name: 'fairops',
    },
  };
}
