// What a supervisor sees of their direct reports: training, competency gaps, certificates.
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedName, PositionRef } from '@chadavkhi/identity';
import { AssignedCourseView } from '../../assignments/dto/assignment.view';
import { AgencyLabelView } from '../../scope/dto/agency-label.view';

export class TeamTrainingView {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ type: AssignedCourseView }) course: AssignedCourseView;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: ['overdue', 'due', 'completed'] }) status: 'overdue' | 'due' | 'completed';
}

export class TeamGapView {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) requiredLevel: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when no valid certificate gives it' })
  heldLevel: number | null;
}

export class TeamCertificateView {
  @ApiProperty() code: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null: never expires' })
  expiresAt: string | null;
}

export class TeamMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'УБ******12',
    description: 'Masked: a supervisor never sees it whole. Null when HR records give none',
  })
  registrationNumber: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null when HR records give no address' })
  email: string | null;
  @ApiProperty({ type: AgencyLabelView }) agency: AgencyLabelView;
  @ApiProperty({ type: PositionRef }) position: PositionRef;
  @ApiProperty({ type: 'integer', description: 'Mandatory courses assigned' }) assigned: number;
  @ApiProperty({ type: 'integer' }) completed: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The nearest due date not yet met' })
  nextDue: string | null;
  @ApiProperty({ type: [TeamTrainingView] }) training: TeamTrainingView[];
  @ApiProperty({ type: 'integer', description: 'Competency levels their position requires' }) required: number;
  @ApiProperty({ type: [TeamGapView], description: 'Required levels they do not hold' }) gaps: TeamGapView[];
  @ApiProperty({ type: [TeamCertificateView], description: 'Valid certificates (not revoked, not expired)' })
  certificates: TeamCertificateView[];
}

export class TeamView {
  @ApiProperty({ type: [TeamMemberView], description: 'Active direct reports, by name' }) members: TeamMemberView[];
  @ApiProperty({ type: 'integer', description: 'Overdue courses across the team' }) overdue: number;
}
