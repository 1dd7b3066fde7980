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
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One overdue person in an HR officer's weekly digest. */
export interface DigestPerson {
  name: string;
  agency: string;
  agencyEn: string;
  courseTitle: string;
  courseTitleEn: string | null;
  dueOn: string;
  daysOverdue: number;
}

/** certificate.* kinds are about one certificate; assignment.due about a course due; assignment.digest about overdue people. */
export interface NotificationData {
  certificateId?: string;
  code?: string;
  courseId?: string;
  courseTitle?: string;
  courseTitleEn?: string | null;
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
  /** assignment.due: the assignment, the enrolment to open, the due day (YYYY-MM-DD, Ulaanbaatar) */
  assignmentId?: string;
  enrollmentId?: string;
  dueOn?: string;
  /** assignment.digest and team.digest: the ISO week, how many assignments are overdue, the first of them */
  week?: string;
  overdueTotal?: number;
  people?: DigestPerson[];
  agencyId?: string;
  /** session.cancelled: the face-to-face session, when it was to start, and where */
  sessionId?: string;
  startsAt?: string;
  place?: string;
  /** session.nominated and session.request_*: the registration's status after it, and who decided (reason: declined) */
  status?: string;
  supervisorName?: string | null;
  /** session.requested (to the supervisor): who asks */
  learnerName?: string;
  /** account.*: the one-time link to set a password (its secret is derived when the e-mail is written, never stored) */
  linkId?: string;
  linkExpiresAt?: string;
}
