// What the face-to-face session API answers: a session, its people (for whoever runs it), and
// what recording attendance did, row by row.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import type { FaceToFaceOutcome } from '../../enrollments/enrollments.service';
import { REGISTRATION_STATUSES, type RegistrationStatus } from './session.dto';

export class AgencyNameView {
  @ApiProperty({ example: 'Баянхонгор аймаг' }) mn: string;
  @ApiProperty({ example: 'Bayankhongor Province' }) en: string;
}

export class SessionCourseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) titleEn: string | null;
}

export class SessionTrainerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class SessionAgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: AgencyNameView }) name: AgencyNameView;
}

export class MyRegistrationView {
  @ApiProperty({
    enum: REGISTRATION_STATUSES,
    description: 'pending: waiting for your supervisor to approve; declined: your supervisor declined',
  })
  status: RegistrationStatus;
  @ApiProperty({ type: Number, nullable: true, description: '1 for the first on the waiting list' })
  waitlistPosition: number | null;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ type: String, nullable: true, description: "The supervisor's reason, when declined" })
  declineReason: string | null;
}

export class SessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: SessionCourseView }) course: SessionCourseView;
  @ApiProperty({ type: SessionTrainerView }) trainer: SessionTrainerView;
  @ApiProperty({ type: SessionAgencyView }) agency: SessionAgencyView;
  @ApiProperty() place: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty() registered: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty({ enum: ['upcoming', 'in_progress', 'ended', 'cancelled'] }) state:
    'upcoming' | 'in_progress' | 'ended' | 'cancelled';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({ type: MyRegistrationView, nullable: true, description: 'Your own registration, or null' })
  mine: MyRegistrationView | null;
  @ApiProperty({ description: 'You may edit it, cancel it and record attendance' }) canManage: boolean;
}

export class RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null for someone who signs in without one' })
  email: string | null;
  @ApiProperty({ type: String, nullable: true }) staffNumber: string | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition: number | null;
  @ApiProperty({ description: 'Nominated by their supervisor' }) nominated: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Null until attendance is recorded' })
  attended: boolean | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ enum: ['in_progress', 'completed'] }) enrollmentStatus: 'in_progress' | 'completed';
  @ApiProperty({ enum: ['online', 'face_to_face'] }) completionMode: 'online' | 'face_to_face';
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
}

export class SessionDetailView extends SessionView {
  @ApiProperty({
    description:
      'Whether the course version people are enrolled on has a final quiz (a paper score then decides completion)',
  })
  hasFinalQuiz: boolean;
  @ApiProperty({ type: Number, nullable: true, description: "The final quiz's pass mark, when there is one" })
  passMarkPercent: number | null;
  @ApiPropertyOptional({
    type: [RegistrationView],
    description: 'Seated people, then the waiting list in order, then cancellations; only for whoever runs the session',
  })
  registrations?: RegistrationView[];
}

/** Why a row of an attendance record was not applied. */
export class AttendanceProblemView {
  @ApiPropertyOptional({ description: 'Line of the CSV file (the header is line 1)' }) line?: number;
  @ApiPropertyOptional({ description: 'Index in records[] of a JSON request' }) index?: number;
  @ApiPropertyOptional({ description: 'The e-mail, staff number or user id the row named' }) who?: string;
  @ApiProperty({
    enum: [
      'malformed',
      'not_registered',
      'waitlisted',
      'cancelled',
      'duplicate',
      'bad_attended',
      'bad_score',
      'no_identifier',
    ],
  })
  reason: string;
  @ApiProperty() message: string;
}

export class AttendanceOutcomeView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() attended: boolean;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ enum: ['completed', 'already_completed', 'score_needed', 'below_pass_mark', 'absent'] }) outcome:
    FaceToFaceOutcome | 'absent';
  @ApiProperty({ description: 'The record differed from what was stored' }) changed: boolean;
}

export class AttendanceResultView {
  @ApiProperty({ description: 'Rows applied' }) applied: number;
  @ApiProperty({ description: 'Enrolments completed by this record (a repeat completes none)' }) completed: number;
  @ApiProperty({ type: [AttendanceOutcomeView] }) results: AttendanceOutcomeView[];
  @ApiProperty({
    type: [AttendanceProblemView],
    description: 'Rows not applied, each with its line (CSV) or index (JSON)',
  })
  problems: AttendanceProblemView[];
}

/** A team member's request to attend, as their supervisor sees it. */
export class PendingRequestView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: SessionCourseView }) course: SessionCourseView;
  @ApiProperty() place: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ description: 'Seats left now (0: approving puts them on the waiting list)' }) seatsLeft: number;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}

/** What a nomination or a decision did. */
export class DecisionView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition: number | null;
}

/** A page of sessions. */
export class SessionPageView extends PageView(SessionView) {}

/** Your direct reports' requests waiting for you. */
export class PendingRequestListView {
  @ApiProperty({ type: [PendingRequestView], description: 'Oldest first' }) items: PendingRequestView[];
}

export class UnregisteredView {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The people who moved up from the waiting list to the seat given up',
  })
  movedUp: string[];
}
