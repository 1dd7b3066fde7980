// Public comments on documents and their answers, as readers and the owning agency read them.
import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['document', 'capacity_plan'], description: 'What the comment is about' })
  subjectKind: 'document' | 'capacity_plan';
  @ApiProperty({ format: 'uuid', description: 'The document or the plan' }) subjectId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The document (null for a plan)' })
  documentId: string | null;
  @ApiProperty({ description: "The commenter's name as they gave it" }) name: string;
  @ApiProperty({ description: 'Plain text' }) body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the owning agency must have answered (working days)' })
  dueAt: string;
  @ApiProperty({ description: 'Unanswered past its deadline' }) overdue: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The agency's answer; null until answered" })
  response: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: string | null;
}

/** A comment as the owning agency's HR officers see it: with the commenter's e-mail and the document. */
export class AgencyCommentView extends CommentView {
  @ApiProperty({ type: String, nullable: true, description: 'Given by the commenter; never shown publicly' })
  email: string | null;
  @ApiProperty({ description: 'The document’s title, or the plan’s' }) documentTitle: string;
  @ApiProperty({ format: 'uuid' }) ownerAgencyId: string;
}

export class CommentPageView extends PageView(CommentView) {}

export class AgencyCommentPageView extends PageView(AgencyCommentView) {}

/** How an agency answers the public: its open, overdue and answered comments. */
export class AgencyCommentCountsView {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() code: string;
  @ApiProperty() nameMn: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ type: 'integer', description: 'Not yet answered' }) open: number;
  @ApiProperty({ type: 'integer', description: 'Of those, past their deadline' }) overdue: number;
  @ApiProperty({ type: 'integer' }) answered: number;
}
