import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AccountabilityModule } from './accountability.module';
import { MetricsProcessor } from './metrics/metrics.processor';

/** The metrics queue's processor; imported only by processes that run jobs. */
@Module({
  imports: [AccountabilityModule, BullModule.registerQueue({ name: 'metrics' })],
  providers: [MetricsProcessor],
})
export class AccountabilityWorkerModule {}
