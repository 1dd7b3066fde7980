import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { PlanActualsProcessor } from './actuals/plan-actuals.processor';
import { PlanningModule } from './planning.module';

/** The plans queue's processor (plan vs actual); imported only by processes that run jobs. */
@Module({
  imports: [PlanningModule, BullModule.registerQueue({ name: 'plans' })],
  providers: [PlanActualsProcessor],
})
export class PlanningWorkerModule {}
