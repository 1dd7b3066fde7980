import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition of the PostgreSQL connection, used by the apps, the CLI and the tests. Never synchronize. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL'>,
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
    extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'chadavkhi' },
  };
}
