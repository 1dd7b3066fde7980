import { Module } from '@nestjs/common';
import { KnowledgeModule } from '@chadavkhi/knowledge';
import { LearningModule } from '@chadavkhi/learning';
import { AccountabilityContentService } from './content/accountability-content.service';
import { AssignmentReachService } from './assignments/assignment-reach.service';
import { AssignmentsController } from './assignments/assignments.controller';
import { AssignmentsRepository } from './assignments/assignments.repository';
import { AssignmentsService } from './assignments/assignments.service';
import { CompetenciesController } from './competencies/competencies.controller';
import { CompetencyContentRepository } from './competencies/competency-content.repository';
import { CompetenciesRepository } from './competencies/competencies.repository';
import { CompetenciesService } from './competencies/competencies.service';
import { AgencyMetricsRepository } from './metrics/agency-metrics.repository';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { OpenDataService } from './open-data/open-data.service';
import { AgencyAccessRepository } from './scope/agency-access.repository';
import { AgencyAccessService } from './scope/agency-access.service';
import { StaffController } from './staff/staff.controller';
import { StaffRepository } from './staff/staff.repository';
import { StaffService } from './staff/staff.service';
import { TeamController } from './team/team.controller';
import { TeamRepository } from './team/team.repository';
import { TeamService } from './team/team.service';

/** HR accountability: competencies, mandatory training, per-agency figures, staff reports, supervisors' teams and open data. */
@Module({
  imports: [LearningModule, KnowledgeModule],
  controllers: [MetricsController, AssignmentsController, CompetenciesController, StaffController, TeamController],
  providers: [
    AccountabilityContentService,
    AgencyMetricsRepository,
    MetricsService,
    OpenDataService,
    AgencyAccessRepository,
    AgencyAccessService,
    AssignmentsRepository,
    AssignmentReachService,
    AssignmentsService,
    CompetenciesRepository,
    CompetencyContentRepository,
    CompetenciesService,
    StaffRepository,
    StaffService,
    TeamRepository,
    TeamService,
  ],
  exports: [
    AccountabilityContentService,
    MetricsService,
    OpenDataService,
    AgencyAccessService,
    AssignmentReachService,
    AssignmentsService,
    CompetenciesService,
    StaffService,
    TeamService,
  ],
})
export class AccountabilityModule {}
