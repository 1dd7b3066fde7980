import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { AssessmentModule } from '@chadavkhi/assessment';
import { CertificationModule } from '@chadavkhi/certification';
import { IdentityModule } from '@chadavkhi/identity';
import { KnowledgeModule } from '@chadavkhi/knowledge';
import { LearningModule } from '@chadavkhi/learning';
import { NotificationsModule } from '@chadavkhi/notifications';
import { AccountPagesController } from './account-pages.controller';
import { AuthoringPagesController } from './authoring-pages.controller';
import { QuizAuthoringPagesController } from './quiz-authoring-pages.controller';
import { HomePageService } from './home-page.service';
import { HrAssignmentsPagesController } from './hr-assignments-pages.controller';
import { HrPagesController } from './hr-pages.controller';
import { HrPeoplePagesController } from './hr-people-pages.controller';
import { KnowledgePagesController } from './knowledge-pages.controller';
import { LearningPagesController } from './learning-pages.controller';
import { NotificationsPageController } from './notifications-page.controller';
import { OfflinePageController } from './offline-page.controller';
import { OpenDataPageController } from './open-data-page.controller';
import { QuizPagesController } from './quiz-pages.controller';
import { QueuesPageController } from './queues-page.controller';
import { SessionsPagesController } from './sessions-pages.controller';
import { VerifyPageController } from './verify-page.controller';
import { WebController } from './web.controller';

@Module({
  imports: [
    AccountabilityModule,
    IdentityModule,
    CertificationModule,
    LearningModule,
    AssessmentModule,
    KnowledgeModule,
    NotificationsModule,
  ],
  controllers: [
    WebController,
    AccountPagesController,
    VerifyPageController,
    LearningPagesController,
    AuthoringPagesController,
    QuizAuthoringPagesController,
    QuizPagesController,
    KnowledgePagesController,
    NotificationsPageController,
    QueuesPageController,
    HrPagesController,
    HrPeoplePagesController,
    HrAssignmentsPagesController,
    OpenDataPageController,
    OfflinePageController,
    SessionsPagesController,
  ],
  providers: [HomePageService],
})
export class WebModule {}
