import { Module } from '@nestjs/common';
import { CertificateFactsRepository } from './events/certificate-facts.repository';
import { CertificateNotificationsService } from './events/certificate-notifications.service';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationsRepository } from './inbox/notifications.repository';
import { NotificationsService } from './inbox/notifications.service';
import { MailDeliveryService } from './mail/mail-delivery.service';
import { MailerRepository } from './mail/mailer.repository';
import { ExpiryRemindersRepository } from './reminders/expiry-reminders.repository';
import { ExpiryRemindersService } from './reminders/expiry-reminders.service';
import { RequestedNotificationsService } from './events/requested-notifications.service';

/** In-app notifications (HTTP) and what makes them: certificate events, expiry reminders, e-mail. */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    MailerRepository,
    MailDeliveryService,
    CertificateFactsRepository,
    CertificateNotificationsService,
    ExpiryRemindersRepository,
    ExpiryRemindersService,
    RequestedNotificationsService,
  ],
  exports: [
    NotificationsService,
    MailDeliveryService,
    CertificateNotificationsService,
    ExpiryRemindersService,
    RequestedNotificationsService,
  ],
})
export class NotificationsModule {}
