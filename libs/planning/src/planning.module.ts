import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { PlansController } from './plans/plans.controller';
import { PlansRepository } from './plans/plans.repository';
import { PlansService } from './plans/plans.service';

/** Capacity-building plans: needs, the annual plan of each agency, its budget, delivery and plan vs actual. */
@Module({
  imports: [AccountabilityModule],
  controllers: [PlansController],
  providers: [PlansRepository, PlansService],
  exports: [PlansService],
})
export class PlanningModule {}
