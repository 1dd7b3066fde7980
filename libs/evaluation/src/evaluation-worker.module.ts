import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { EvaluationModule } from './evaluation.module';
import { EvaluationProcessor } from './follow-ups/evaluation.processor';

/** The daily follow-up round; imported only by processes that run jobs. */
@Module({
  imports: [EvaluationModule, BullModule.registerQueue({ name: 'evaluation' })],
  providers: [EvaluationProcessor],
})
export class EvaluationWorkerModule {}
