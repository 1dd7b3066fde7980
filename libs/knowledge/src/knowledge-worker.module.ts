import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { KnowledgeModule } from './knowledge.module';
import { KnowledgeHandoverProcessor } from './handover/knowledge-handover.processor';
import { SearchIndexProcessor } from './search/search-index.processor';

/** The search-index queue's processor (knowledge documents and published courses) and knowledge's side of handovers; only in processes that run jobs. */
@Module({
  imports: [KnowledgeModule, BullModule.registerQueue({ name: 'search-index' }, { name: 'knowledge-handovers' })],
  providers: [SearchIndexProcessor, KnowledgeHandoverProcessor],
})
export class KnowledgeWorkerModule {}
