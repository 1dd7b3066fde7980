// What a notification can be about, and the facts each kind keeps (enough to show it and to write its e-mail).
export const NOTIFICATION_KINDS = ['certificate.issued', 'certificate.revoked', 'certificate.expiring', 'certificate.recertification'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Every kind is about one certificate. */
export interface NotificationData {
  certificateId: string;
  code: string;
  courseId: string;
  courseTitle: string;
  courseTitleEn: string | null;
  issuedAt?: string;
  expiresAt?: string | null;
  /** certificate.revoked */
  reason?: string;
  /** certificate.expiring: the threshold crossed (60, 30 or 7) and the days left on the reminder's day */
  thresholdDays?: number;
  daysLeft?: number;
  /** certificate.recertification: the course version that requires it, and the expiry before */
  version?: number;
  previousExpiresAt?: string | null;
}
