import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { PlanActualsController } from './actuals/plan-actuals.controller';
import { PlanActualsRepository } from './actuals/plan-actuals.repository';
import { PlanActualsService } from './actuals/plan-actuals.service';
import { PlansController } from './plans/plans.controller';
import { PlansRepository } from './plans/plans.repository';
import { PlansService } from './plans/plans.service';

/** Capacity-building plans: needs, the annual plan of each agency, its budget, delivery and plan vs actual. */
@Module({
  imports: [AccountabilityModule],
  controllers: [PlansController, PlanActualsController],
  providers: [PlansRepository, PlansService, PlanActualsRepository, PlanActualsService],
  exports: [PlansService, PlanActualsService],
})
export class PlanningModule {}
