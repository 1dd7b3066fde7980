import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { KnowledgeModule } from './knowledge.module';
import { SearchIndexProcessor } from './search/search-index.processor';

/** The search-index queue's processor (knowledge documents and published courses); only in processes that run jobs. */
@Module({
  imports: [KnowledgeModule, BullModule.registerQueue({ name: 'search-index' })],
  providers: [SearchIndexProcessor],
})
export class KnowledgeWorkerModule {}
