import { DynamicModule, Module } from '@nestjs/common';
import { AccountabilityWorkerModule } from '@chadavkhi/accountability';
import { CertificationWorkerModule } from '@chadavkhi/certification';
import { KnowledgeWorkerModule } from '@chadavkhi/knowledge';
import { LearningWorkerModule } from '@chadavkhi/learning';
import { NotificationsWorkerModule } from '@chadavkhi/notifications';
import { EvaluationWorkerModule } from '@chadavkhi/evaluation';
import { AppConfig, PlatformModule } from '@chadavkhi/platform';
import { PlanningWorkerModule } from '@chadavkhi/planning';

/** The job side: the outbox relay and each lib's processors. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config),
        CertificationWorkerModule,
        AccountabilityWorkerModule,
        KnowledgeWorkerModule,
        LearningWorkerModule,
        NotificationsWorkerModule,
        EvaluationWorkerModule,
        PlanningWorkerModule,
      ],
    };
  }
}
