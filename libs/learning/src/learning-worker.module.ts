import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { LearningHandoverProcessor } from './handover/learning-handover.processor';
import { LearningModule } from './learning.module';
import { ScormPackageSweepProcessor } from './scorm/scorm-package-sweep.processor';

/** Learning's side of handovers (courses and sessions to a successor) and its daily round (SCORM clean-up); only in processes that run jobs. */
@Module({
  imports: [LearningModule, BullModule.registerQueue({ name: 'learning-handovers' }, { name: 'learning' })],
  providers: [LearningHandoverProcessor, ScormPackageSweepProcessor],
})
export class LearningWorkerModule {}
