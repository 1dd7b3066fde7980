import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntry } from './audit/audit-log-entry.entity';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditLogService } from './audit/audit-log.service';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DeploymentClaimService } from './deployment/deployment-claim.service';
import { DatabaseRepository } from './database/database.repository';
import { ReadReplicas } from './database/read-replicas';
import { HealthService } from './health/health.service';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { OutboxRepository } from './outbox/outbox.repository';
import { JobQueueRepository } from './queue/job-queue.repository';
import { QueueAdminService } from './queue/queue-admin.service';
import { redisOptions } from './queue/redis-connection';
import { SearchEngineClient } from './search/search-engine.client';

/** Config, PostgreSQL, the job queue, Meilisearch and the outbox relay, shared by every app. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          autoLoadEntities: true,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        TypeOrmModule.forFeature([OutboxEvent, AuditLogEntry]),
        // Processors (registered by each lib's worker module) connect through this.
        BullModule.forRoot({ connection: redisOptions(config), prefix: config.REDIS_PREFIX }),
      ],
      providers: [
        DatabaseRepository,
        ReadReplicas,
        DeploymentClaimService,
        JobQueueRepository,
        QueueAdminService,
        SearchEngineClient,
        HealthService,
        OutboxRepository,
        OutboxRelayService,
        AuditLogRepository,
        AuditLogService,
      ],
      exports: [
        ReadReplicas,
        JobQueueRepository,
        QueueAdminService,
        SearchEngineClient,
        HealthService,
        OutboxRelayService,
        AuditLogService,
        TypeOrmModule,
        BullModule,
      ],
    };
  }
}
