import { ApiProperty } from '@nestjs/swagger';

/** A follow-up asked of me: about my own completion, or (as a supervisor) a staff member's. */
export class FollowUpView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['learner', 'supervisor'] }) role: string;
  @ApiProperty({ enum: ['open', 'answered', 'closed'] }) state: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ enum: ['mn', 'en'] }) courseLanguage: 'mn' | 'en';
  @ApiProperty({ description: 'Whose training it is about (you, or your staff member)' }) learnerName: string;
  @ApiProperty({ format: 'date-time' }) completedAt: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
}

export class FollowUpListView {
  @ApiProperty({ type: [FollowUpView] }) items: FollowUpView[];
}

/** What one daily round did. */
export class FollowUpRoundView {
  @ApiProperty({ type: 'integer' }) opened: number;
  @ApiProperty({ type: 'integer' }) reminded: number;
}
