import { ApiProperty } from '@nestjs/swagger';
import type { KnowledgeItemKind } from '../knowledge-handover.repository';

/** One knowledge item a handover handed over, with its state now. */
export class KnowledgeHandoverItemView {
  @ApiProperty({ enum: ['document', 'review', 'comment'] }) kind: KnowledgeItemKind;
  @ApiProperty({ format: 'uuid', description: 'The document, submission or comment' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ description: "The document's title" }) title: string;
  @ApiProperty({ description: "The document's workflow status (draft, in_review, published, archived)" })
  status: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) reviewBy: string | null;
  @ApiProperty({ description: 'Past its review-by date' }) stale: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "Comments: the answer's deadline",
  })
  dueAt: string | null;
  @ApiProperty({ description: 'Comments: the deadline has passed unanswered' }) overdue: boolean;
  @ApiProperty({ description: 'Comments: answered' }) answered: boolean;
  @ApiProperty({ description: 'Nobody received it and it is still with the person who left or moved' })
  orphaned: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who received it; null: nobody' })
  handedTo: string | null;
}
