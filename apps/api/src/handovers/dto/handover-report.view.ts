// A handover as GET /handovers/{id} and GET /me/handovers answer it: identity's record of it with
// the items the libs that own them list.
import { ApiProperty } from '@nestjs/swagger';
import { HandoverView } from '@chadavkhi/identity';
import { KnowledgeHandoverItemView } from '@chadavkhi/knowledge';
import { LearningHandoverItemView } from '@chadavkhi/learning';

export class HandoverItemCounts {
  @ApiProperty({ type: 'integer', description: 'Every item it handed over' }) items: number;
  @ApiProperty({ type: 'integer', description: 'Items nobody received, still with the person who left or moved' })
  orphaned: number;
}

export class HandoverReport {
  @ApiProperty({ type: HandoverView }) handover: HandoverView;
  @ApiProperty({ type: [KnowledgeHandoverItemView], description: 'Documents the person owned' })
  documents: KnowledgeHandoverItemView[];
  @ApiProperty({ type: [KnowledgeHandoverItemView], description: 'Their submissions waiting for review' })
  reviews: KnowledgeHandoverItemView[];
  @ApiProperty({ type: [KnowledgeHandoverItemView], description: 'Unanswered public comments on their documents' })
  comments: KnowledgeHandoverItemView[];
  @ApiProperty({ type: [LearningHandoverItemView], description: 'Courses they authored' })
  courses: LearningHandoverItemView[];
  @ApiProperty({ type: [LearningHandoverItemView], description: 'Face-to-face sessions they were to run' })
  sessions: LearningHandoverItemView[];
  @ApiProperty({ type: HandoverItemCounts }) counts: HandoverItemCounts;
}

/** One handover in a list: identity's record and how many items it handed over. */
export class HandoverSummaryView extends HandoverView {
  @ApiProperty({ type: 'integer', description: 'How many items it handed over' }) items: number;
}
