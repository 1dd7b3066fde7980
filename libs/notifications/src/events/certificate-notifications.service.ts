// Turns certificate events into the holder's notification and e-mail. Safe to run twice for one
// event: the notification is keyed by the event id, and its e-mail is sent only while unsent.
import { Injectable, Logger } from '@nestjs/common';
import type { OutboxJob } from '@chadavkhi/platform';
import { NotificationData, NotificationKind } from '../inbox/notification-kind';
import { NotificationsRepository } from '../inbox/notifications.repository';
import { DeliveryOutcome, MailDeliveryService } from '../mail/mail-delivery.service';
import { CertificateFacts, CertificateFactsRepository } from './certificate-facts.repository';

export type CertificateEvent =
  OutboxJob<'certificate.issued'> | OutboxJob<'certificate.revoked'> | OutboxJob<'certificate.expiry_shortened'>;

@Injectable()
export class CertificateNotificationsService {
  private readonly logger = new Logger(CertificateNotificationsService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly certificates: CertificateFactsRepository,
    private readonly delivery: MailDeliveryService,
  ) {}

  async notify(event: CertificateEvent): Promise<{ notificationId?: string; email?: DeliveryOutcome }> {
    const certificate = await this.certificates.find(event.data.certificateId);
    if (!certificate) {
      this.logger.warn(`${event.name} for unknown certificate ${event.data.certificateId}; nobody to tell`);
      return {};
    }
    const [kind, data] = this.describe(event, certificate);
    const { id } = await this.notifications.upsert(certificate.user_id, kind, `event:${event.data.eventId}`, data);
    // Another worker holds this e-mail (a duplicate job, or a worker that died mid-send): the job
    // waits until that claim ends, attempts unspent, and then finds it sent or sends it.
    const email = await this.delivery.deliverForJob(id);
    return { notificationId: id, email };
  }

  private describe(event: CertificateEvent, c: CertificateFacts): [NotificationKind, NotificationData] {
    const base = {
      certificateId: c.id,
      code: c.code,
      courseId: c.course_id,
      courseTitle: c.course_title,
      courseTitleEn: c.course_title_en,
    };
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    switch (event.name) {
      case 'certificate.issued':
        return ['certificate.issued', { ...base, issuedAt: iso(c.issued_at)!, expiresAt: iso(c.expires_at) }];
      case 'certificate.revoked':
        return ['certificate.revoked', { ...base, reason: event.data.reason }];
      case 'certificate.expiry_shortened':
        return [
          'certificate.recertification',
          {
            ...base,
            expiresAt: event.data.expiresAt,
            previousExpiresAt: event.data.previousExpiresAt,
            version: event.data.courseVersion,
          },
        ];
    }
  }
}
