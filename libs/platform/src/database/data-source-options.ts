import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition of the PostgreSQL connection, used by the apps, the CLI and the tests. Never synchronize. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL'> & Partial<Pick<AppConfig, 'DATABASE_POOL_SIZE' | 'DATABASE_POOL_WAIT_MS'>>,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: config.DATABASE_POOL_SIZE ?? 10,
      connectionTimeoutMillis: config.DATABASE_POOL_WAIT_MS ?? 15_000,
      application_name: 'chadavkhi',
    },
  };
}
