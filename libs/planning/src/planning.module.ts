import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { KnowledgeModule } from '@chadavkhi/knowledge';
import { NeedsSurveysController } from './needs/needs-surveys.controller';
import { NeedsSurveysRepository } from './needs/needs-surveys.repository';
import { NeedsSurveysService } from './needs/needs-surveys.service';
import { PlanOpenDataController } from './open-data/plan-open-data.controller';
import { PlanOpenDataRepository } from './open-data/plan-open-data.repository';
import { PlanOpenDataService } from './open-data/plan-open-data.service';
import { PlanActualsController } from './actuals/plan-actuals.controller';
import { PlanActualsRepository } from './actuals/plan-actuals.repository';
import { PlanActualsService } from './actuals/plan-actuals.service';
import { PlanDraftRepository } from './plans/plan-draft.repository';
import { PlanDraftService } from './plans/plan-draft.service';
import { PlansController } from './plans/plans.controller';
import { PlansRepository } from './plans/plans.repository';
import { PlansService } from './plans/plans.service';

/** Capacity-building plans: needs, the annual plan of each agency, its budget, delivery and plan vs actual. */
@Module({
  imports: [AccountabilityModule, KnowledgeModule],
  controllers: [PlansController, PlanActualsController, PlanOpenDataController, NeedsSurveysController],
  providers: [
    PlansRepository,
    PlansService,
    PlanDraftRepository,
    PlanDraftService,
    PlanActualsRepository,
    PlanActualsService,
    PlanOpenDataRepository,
    PlanOpenDataService,
    NeedsSurveysRepository,
    NeedsSurveysService,
  ],
  exports: [PlansService, PlanDraftService, PlanActualsService, PlanOpenDataService, NeedsSurveysService],
})
export class PlanningModule {}
