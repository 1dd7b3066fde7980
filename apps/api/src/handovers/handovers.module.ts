import { Module } from '@nestjs/common';
import { IdentityModule } from '@chadavkhi/identity';
import { KnowledgeModule } from '@chadavkhi/knowledge';
import { LearningModule } from '@chadavkhi/learning';
import { HandoverReportService } from './handover-report.service';
import { HandoversController } from './handovers.controller';

/**
 * Handovers as a whole: identity's handover with the items knowledge and learning handed over in it.
 * It lives in the app because it joins three libs none of which may import the others.
 */
@Module({
  imports: [IdentityModule, KnowledgeModule, LearningModule],
  controllers: [HandoversController],
  providers: [HandoverReportService],
  exports: [HandoverReportService],
})
export class HandoversModule {}
