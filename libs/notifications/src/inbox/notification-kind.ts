// What a notification can be about, and the facts each kind keeps (enough to show it and to write its e-mail).
export const NOTIFICATION_KINDS = [
  'certificate.issued',
  'certificate.revoked',
  'certificate.expiring',
  'certificate.recertification',
  'assignment.due',
  'assignment.digest',
  'session.cancelled',
  'account.invitation',
  'account.password_reset',
  'session.nominated',
  'session.requested',
  'session.request_approved',
  'session.request_declined',
  'team.digest',
  'evaluation.follow_up',
  'evaluation.follow_up_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export { DigestPerson, NotificationData } from './dto/notification-data.view';
