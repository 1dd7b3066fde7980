// The libs' services on a per-file database, without HTTP or pages: a Nest application context of
// the platform and the libs a spec names, with its own Redis key prefix and Meilisearch index
// prefix. RUN_WORKERS is off, so no outbox relay or processor runs: a spec calls the step a worker
// would take, and waits for queues with untilQueuesDrained when it starts one itself.
import 'reflect-metadata';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { AssessmentModule } from '@chadavkhi/assessment';
import { CertificationModule } from '@chadavkhi/certification';
import { IdentityModule } from '@chadavkhi/identity';
import { KnowledgeModule } from '@chadavkhi/knowledge';
import { LearningModule } from '@chadavkhi/learning';
import { AppConfig, loadConfig, PinoNestLogger, createLogger, PlatformModule } from '@chadavkhi/platform';
import { createTestDatabase } from './test-app';
import { testRun } from './test-env';

/** The libs a service spec may ask for; each brings the libs it imports itself. */
export const LIB_MODULES = {
  identity: IdentityModule,
  learning: LearningModule,
  assessment: AssessmentModule,
  certification: CertificationModule,
  accountability: AccountabilityModule,
  knowledge: KnowledgeModule,
} as const;
export type LibName = keyof typeof LIB_MODULES;

export interface ServiceContext {
  app: INestApplicationContext;
  config: AppConfig;
  db: DataSource;
  /** A provider of any module in the context (strict: false, so a lib's internal provider too). */
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

@Module({})
class ServiceSpecModule {
  static with(config: AppConfig, libs: readonly LibName[]): DynamicModule {
    return {
      module: ServiceSpecModule,
      imports: [PlatformModule.forRoot(config), ...new Set(['identity' as const, ...libs].map((l) => LIB_MODULES[l]))],
    };
  }
}

export async function startServiceContext(
  libs: readonly LibName[],
  overrides: Record<string, string | number | boolean> = {},
): Promise<ServiceContext> {
  const { runId } = testRun();
  const database = await createTestDatabase();
  const isolation = database.name.slice(-8);
  const config = loadConfig(process.env, {
    DATABASE_URL: database.url,
    REDIS_PREFIX: `${runId}-${isolation}`,
    MEILI_INDEX_PREFIX: `${runId}_${isolation}_`,
    NODE_ENV: 'test',
    RUN_WORKERS: false,
    ...overrides,
  });
  const app = await NestFactory.createApplicationContext(ServiceSpecModule.with(config, libs), {
    logger: new PinoNestLogger(createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test')),
    abortOnError: false,
  });
  await app.init();
  return {
    app,
    config,
    db: app.get(DataSource),
    get: (type) => app.get(type, { strict: false }),
    close: () => app.close(),
  };
}
