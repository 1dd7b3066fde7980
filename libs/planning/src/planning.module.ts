import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
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
  imports: [AccountabilityModule],
  controllers: [PlansController, PlanActualsController],
  providers: [
    PlansRepository,
    PlansService,
    PlanDraftRepository,
    PlanDraftService,
    PlanActualsRepository,
    PlanActualsService,
  ],
  exports: [PlansService, PlanDraftService, PlanActualsService],
})
export class PlanningModule {}
