import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { AssessmentModule } from '@chadavkhi/assessment';
import { CertificationModule } from '@chadavkhi/certification';
import { IdentityModule } from '@chadavkhi/identity';
import { KnowledgeModule } from '@chadavkhi/knowledge';
import { LearningModule } from '@chadavkhi/learning';
import { NotificationsModule } from '@chadavkhi/notifications';
import { EvaluationModule } from '@chadavkhi/evaluation';
import { PlanningModule } from '@chadavkhi/planning';
import { HandoversModule } from '../handovers/handovers.module';
import { AccountPagesController } from './account-pages.controller';
import { AccountSessionsPagesController } from './account-sessions-pages.controller';
import { AuthorComparePageController } from './author-compare-page.controller';
import { LessonLinkPageController } from './lesson-link-page.controller';
import { AuthorCoursePagesController } from './author-course-pages.controller';
import { AuthorCoursesPagesController } from './author-courses-pages.controller';
import { AuthorLessonPagesController } from './author-lesson-pages.controller';
import { AuthorQuizResultsPageController } from './author-quiz-results-page.controller';
import { QuizAuthoringPagesController } from './quiz-authoring-pages.controller';
import { HomePageService } from './home-page.service';
import { HandoverPagesController } from './handover-pages.controller';
import { HrAssignmentsPagesController } from './hr-assignments-pages.controller';
import { HrConnectionsPagesController } from './hr-connections-pages.controller';
import { HrStaffImportPagesController } from './hr-staff-import-pages.controller';
import { HrPagesController } from './hr-pages.controller';
import { HrPlansPagesController } from './hr-plans-pages.controller';
import { NeedsPagesController } from './needs-pages.controller';
import { HrPeoplePagesController } from './hr-people-pages.controller';
import { KnowledgeCommentsPagesController } from './knowledge-comments-pages.controller';
import { KnowledgeDocumentPage } from './knowledge-document-page';
import { KnowledgeDocumentPagesController } from './knowledge-document-pages.controller';
import { KnowledgeEditorPagesController } from './knowledge-editor-pages.controller';
import { KnowledgeSearchPageController } from './knowledge-search-page.controller';
import { KnowledgeVersionsPagesController } from './knowledge-versions-pages.controller';
import { PageRenderer } from './page-renderer';
import { ProviderCallback } from './provider-callback';
import { ProviderSignIn } from './provider-sign-in';
import { SignInRedirectController } from './sign-in-redirect.controller';
import { LearningPagesController } from './learning-pages.controller';
import { EvaluationPagesController } from './evaluation-pages.controller';
import { AuthorEvaluationPagesController } from './author-evaluation-pages.controller';
import { EvaluationResultsPageController } from './evaluation-results-page.controller';
import { NotificationsPageController } from './notifications-page.controller';
import { OfflinePageController } from './offline-page.controller';
import { OpenDataPageController } from './open-data-page.controller';
import { OpenDataPlanPageController } from './open-data-plan-page.controller';
import { QuizPagesController } from './quiz-pages.controller';
import { QueuesPageController } from './queues-page.controller';
import { SecondFactorPagesController } from './second-factor-pages.controller';
import { SessionsPagesController } from './sessions-pages.controller';
import { SignInSamlController } from './sign-in-saml.controller';
import { SignInAdminPageController } from './sign-in-admin-page.controller';
import { TeamPagesController } from './team-pages.controller';
import { VerifyPageController } from './verify-page.controller';
import { WebController } from './web.controller';
import { ScormContentController } from './scorm-content.controller';
import { AuthorPackageResultsPageController } from './author-package-results-page.controller';

@Module({
  imports: [
    AccountabilityModule,
    IdentityModule,
    CertificationModule,
    LearningModule,
    AssessmentModule,
    KnowledgeModule,
    NotificationsModule,
    EvaluationModule,
    HandoversModule,
    PlanningModule,
  ],
  controllers: [
    WebController,
    ScormContentController,
    AuthorPackageResultsPageController,
    AccountPagesController,
    AccountSessionsPagesController,
    VerifyPageController,
    LearningPagesController,
    LessonLinkPageController,
    EvaluationPagesController,
    AuthorEvaluationPagesController,
    EvaluationResultsPageController,
    AuthorCoursesPagesController,
    AuthorCoursePagesController,
    AuthorLessonPagesController,
    AuthorComparePageController,
    AuthorQuizResultsPageController,
    QuizAuthoringPagesController,
    QuizPagesController,
    KnowledgeSearchPageController,
    KnowledgeDocumentPagesController,
    KnowledgeEditorPagesController,
    KnowledgeVersionsPagesController,
    KnowledgeCommentsPagesController,
    NotificationsPageController,
    QueuesPageController,
    HrPagesController,
    HrPeoplePagesController,
    HrAssignmentsPagesController,
    HrPlansPagesController,
    NeedsPagesController,
    HrConnectionsPagesController,
    HrStaffImportPagesController,
    OpenDataPageController,
    OpenDataPlanPageController,
    OfflinePageController,
    SessionsPagesController,
    HandoverPagesController,
    TeamPagesController,
    SignInSamlController,
    SecondFactorPagesController,
    SignInAdminPageController,
    SignInRedirectController,
  ],
  providers: [HomePageService, PageRenderer, KnowledgeDocumentPage, ProviderSignIn, ProviderCallback],
})
export class WebModule {}
