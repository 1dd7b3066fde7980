import { DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { IdentityModule, ScimModule } from '@chadavkhi/identity';
import { LearningModule, LearningWorkerModule } from '@chadavkhi/learning';
import { AssessmentModule } from '@chadavkhi/assessment';
import { CertificationModule, CertificationWorkerModule, WellKnownModule } from '@chadavkhi/certification';
import { AccountabilityModule, AccountabilityWorkerModule } from '@chadavkhi/accountability';
import { KnowledgeModule, KnowledgeWorkerModule } from '@chadavkhi/knowledge';
import { NotificationsModule, NotificationsWorkerModule } from '@chadavkhi/notifications';
import { EvaluationContributionsModule, EvaluationModule, EvaluationWorkerModule } from '@chadavkhi/evaluation';
import { PlanningModule, PlanningWorkerModule } from '@chadavkhi/planning';
import { AppConfig, HealthModule, PlatformModule } from '@chadavkhi/platform';
import { AdminModule } from './admin/admin.module';
import { HandoversModule } from './handovers/handovers.module';
import { WebModule } from './web/web.module';

/** The HTTP app: REST under /api/v1, server-rendered pages under /. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        HealthModule,
        IdentityModule,
        // SCIM 2.0 at /scim/v2: not in the RouterModule list below, so outside the /api/v1 prefix.
        ScimModule,
        LearningModule,
        AssessmentModule,
        CertificationModule,
        WellKnownModule,
        // The single-machine default runs the job processors in the API process.
        AccountabilityModule,
        KnowledgeModule,
        NotificationsModule,
        EvaluationModule,
        EvaluationContributionsModule,
        PlanningModule,
        AdminModule,
        HandoversModule,
        ...(config.RUN_WORKERS
          ? [
              CertificationWorkerModule,
              AccountabilityWorkerModule,
              KnowledgeWorkerModule,
              LearningWorkerModule,
              NotificationsWorkerModule,
              EvaluationWorkerModule,
              PlanningWorkerModule,
            ]
          : []),
        WebModule,
        RouterModule.register([
          { path: 'api/v1', module: HealthModule },
          { path: 'api/v1', module: IdentityModule },
          { path: 'api/v1', module: LearningModule },
          { path: 'api/v1', module: AssessmentModule },
          { path: 'api/v1', module: CertificationModule },
          { path: 'api/v1', module: AccountabilityModule },
          { path: 'api/v1', module: KnowledgeModule },
          { path: 'api/v1', module: NotificationsModule },
          { path: 'api/v1', module: EvaluationModule },
          { path: 'api/v1', module: PlanningModule },
          { path: 'api/v1', module: AdminModule },
          { path: 'api/v1', module: HandoversModule },
        ]),
      ],
    };
  }
}
