// Notifications' public surface.
export { NotificationsModule } from './notifications.module';
export { NotificationsWorkerModule } from './notifications-worker.module';
export { NotificationsService } from './inbox/notifications.service';
export { NotificationView, NotificationPage } from './inbox/dto/notification.view';
export { NOTIFICATION_KINDS, NotificationKind, NotificationData } from './inbox/notification-kind';
export { MailDeliveryService } from './mail/mail-delivery.service';
export { CertificateNotificationsService } from './events/certificate-notifications.service';
export { ExpiryRemindersService, ReminderRun } from './reminders/expiry-reminders.service';
