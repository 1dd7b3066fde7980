import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { LearningHandoverProcessor } from './handover/learning-handover.processor';
import { LearningModule } from './learning.module';

/** Learning's side of handovers (courses and sessions to a successor); only in processes that run jobs. */
@Module({
  imports: [LearningModule, BullModule.registerQueue({ name: 'learning-handovers' })],
  providers: [LearningHandoverProcessor],
})
export class LearningWorkerModule {}
