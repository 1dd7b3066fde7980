// Notifications other libs ask for through the outbox (notification.requested): due-date reminders
// and the weekly HR digest from accountability. Safe to run twice: the notification is keyed by
// the requester's dedupe key, and its e-mail is sent only while unsent.
import { Injectable } from '@nestjs/common';
import type { OutboxJob } from '@chadavkhi/platform';
import { NotificationData } from '../inbox/notification-kind';
import { NotificationsRepository } from '../inbox/notifications.repository';
import { DeliveryOutcome, MailDeliveryService } from '../mail/mail-delivery.service';

@Injectable()
export class RequestedNotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly delivery: MailDeliveryService,
  ) {}

  async notify(
    event: OutboxJob<'notification.requested'>,
  ): Promise<{ notificationId: string; email: DeliveryOutcome }> {
    const { userId, kind, dedupeKey, data } = event.data;
    const { id } = await this.notifications.upsert(userId, kind, dedupeKey, data as NotificationData);
    const email = await this.delivery.deliverForJob(id); // held elsewhere: the job waits for the claim (mail-delivery.service.ts)
    return { notificationId: id, email };
  }
}
