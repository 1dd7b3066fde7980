import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { NotificationsProcessor } from './events/notifications.processor';
import { NotificationsModule } from './notifications.module';

/** The notifications queue's processor and its daily reminder schedule; imported only by processes that run jobs. */
@Module({
  imports: [NotificationsModule, BullModule.registerQueue({ name: 'notifications' })],
  providers: [NotificationsProcessor],
})
export class NotificationsWorkerModule {}
