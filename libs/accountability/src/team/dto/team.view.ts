// What a supervisor sees of their direct reports: training, competency gaps, certificates.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

type Names = { mn: string; en: string };

export class TeamTrainingView {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() course: { id: string; title: string; titleEn: string | null };
  @ApiProperty({ description: 'YYYY-MM-DD' }) dueOn: string;
  @ApiProperty({ enum: ['overdue', 'due', 'completed'] }) status: 'overdue' | 'due' | 'completed';
}

export class TeamGapView {
  @ApiProperty() code: string;
  @ApiProperty() name: Names;
  @ApiProperty() requiredLevel: number;
  @ApiPropertyOptional({ nullable: true }) heldLevel: number | null;
}

export class TeamCertificateView {
  @ApiProperty() code: string;
  @ApiProperty() courseTitle: string;
  @ApiPropertyOptional({ nullable: true }) courseTitleEn: string | null;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
}

export class TeamMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, description: 'Masked (УБ******12): a supervisor never sees it whole' })
  registrationNumber: string | null;
  @ApiPropertyOptional({ nullable: true }) email: string | null;
  @ApiProperty() agency: { id: string; code: string; name: Names };
  @ApiProperty() position: { id: string; code: string; name: Names };
  @ApiProperty() assigned: number;
  @ApiProperty() completed: number;
  @ApiProperty() overdue: number;
  @ApiPropertyOptional({ nullable: true, description: 'The nearest due date not yet met (YYYY-MM-DD)' }) nextDue:
    string | null;
  @ApiProperty({ type: [TeamTrainingView] }) training: TeamTrainingView[];
  @ApiProperty({ description: 'Competency levels their position requires' }) required: number;
  @ApiProperty({ type: [TeamGapView], description: 'Required levels they do not hold' }) gaps: TeamGapView[];
  @ApiProperty({ type: [TeamCertificateView], description: 'Valid certificates (not revoked, not expired)' })
  certificates: TeamCertificateView[];
}

export class TeamView {
  @ApiProperty({ type: [TeamMemberView], description: 'Active direct reports, by name' }) members: TeamMemberView[];
  @ApiProperty() overdue: number;
}
