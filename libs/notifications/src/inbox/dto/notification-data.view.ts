// The facts a notification keeps: enough to show it and to write its e-mail. Which members a
// notification has depends on its kind; each is documented with the kinds that set it.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One overdue person in an HR officer's weekly digest. */
export class DigestPerson {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The agency, in Mongolian' }) agency: string;
  @ApiPropertyOptional() agencyEn: string;
  @ApiPropertyOptional() courseTitle: string;
  @ApiPropertyOptional({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiPropertyOptional({ format: 'date' }) dueOn: string;
  @ApiPropertyOptional({ type: 'integer' }) daysOverdue: number;
}

/** certificate.* kinds are about one certificate; assignment.due about a course due; assignment.digest about overdue people. */
export class NotificationData {
  @ApiPropertyOptional({ format: 'uuid' }) certificateId?: string;
  @ApiPropertyOptional({ description: "The certificate's public verification code" }) code?: string;
  @ApiPropertyOptional({ format: 'uuid' }) courseId?: string;
  @ApiPropertyOptional() courseTitle?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) courseTitleEn?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) issuedAt?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) expiresAt?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'certificate.revoked: why; session.request_declined: the reason the supervisor gave, if any',
  })
  reason?: string | null;
  @ApiPropertyOptional({ type: 'integer', description: 'certificate.expiring: the threshold crossed (60, 30 or 7)' })
  thresholdDays?: number;
  @ApiPropertyOptional({ type: 'integer', description: "certificate.expiring: days left on the reminder's day" })
  daysLeft?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'certificate.recertification: the course version requiring it' })
  version?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'certificate.recertification: the expiry before' })
  previousExpiresAt?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) assignmentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'assignment.due: the enrolment to open' }) enrollmentId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'assignment.due: the due day in Ulaanbaatar' }) dueOn?: string;
  @ApiPropertyOptional({ example: '2026-W49', description: 'assignment.digest and team.digest: the ISO week' })
  week?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The digests: how many assignments are overdue' })
  overdueTotal?: number;
  @ApiPropertyOptional({ type: [DigestPerson], description: 'The first of the overdue people' })
  people?: DigestPerson[];
  @ApiPropertyOptional({ format: 'uuid' }) agencyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'session.*: the face-to-face session' }) sessionId?: string;
  @ApiPropertyOptional({ description: 'session.cancelled: when it was to start' }) startsAt?: string;
  @ApiPropertyOptional({ description: 'session.cancelled: where' }) place?: string;
  @ApiPropertyOptional({ description: "session.nominated and session.request_*: the registration's status after it" })
  status?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'session.request_*: who decided' })
  supervisorName?: string | null;
  @ApiPropertyOptional({ description: 'session.requested (to the supervisor): who asks' }) learnerName?: string;
  @ApiPropertyOptional({
    description: 'account.*: the one-time link to set a password (its secret is derived when the e-mail is written)',
  })
  linkId?: string;
  @ApiPropertyOptional() linkExpiresAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'evaluation.*: the follow-up to answer' }) followUpId?: string;
  @ApiPropertyOptional({
    enum: ['learner', 'supervisor'],
    description: "evaluation.*: asked about one's own training, or a staff member's (learnerName)",
  })
  followUpRole?: 'learner' | 'supervisor';
  @ApiPropertyOptional({ description: 'evaluation.*: the last moment answers are taken' }) closesAt?: string;
}
